// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IImageRegistry} from "../IImageRegistry.sol";
import {RegistryTestBase} from "./RegistryTestBase.t.sol";
import {vm} from "./Vm.t.sol";

/// @notice Random runs of sign / publish / publishFor / revoke / invalidateNonces / submit an old signature /
///         time passing, over three claims, two publishers and one delegate key of the first, checked
///         after every step against the property the issue asks for: a claim whose latest revocation came
///         after every authorising act for it (its publisher's direct publish or signature, or its
///         delegate's publishFor or signature made while the delegation was in force) has no valid release
///         but those that were valid right after that revocation. (Revoking one release of a claim leaves
///         another valid one alone: an expired delegate's release and the publisher's own can coexist.)
/// @dev Two runs share the harness: `testFuzz_noRevokedClaimComesBackWithoutANewAct` learns each step's
///      outcome from the registry and checks only the property; `testFuzz_everyStepDoesWhatTheModelSays`
///      also predicts every outcome (the id, or the exact custom error) from a plain model of the rules.
contract ImageRegistryRevocationsFuzzTest is RegistryTestBase {
    uint256 private constant STEPS = 40;
    uint256 private constant CLAIMS = 3;
    uint256 private constant PUBLISHERS = 2;
    uint256 private constant POOL = 12;
    uint256 private constant MAX_RELEASES = STEPS;
    uint256 private constant DELEGATE_KEY = 0xDE1E;
    uint256 private constant DELEGATION_LENGTH = 6 days;
    /// @dev Who signs a pooled signature: one of the publishers (0, 1), or the delegate for publisher 0.
    uint256 private constant BY_DELEGATE = 2;

    uint256[PUBLISHERS] private keys = [uint256(0xF1), uint256(0xF2)];

    struct Signed {
        uint256 publisher;
        uint256 by;
        uint256 claim;
        uint256 nonce;
        uint256 deadline;
        bytes signature;
    }

    struct Stored {
        uint256 id;
        uint256 publisher;
        uint256 claim;
        bool delegated;
        uint256 revokedAt;
    }

    struct Model {
        bool predict;
        uint256 step;
        uint256[PUBLISHERS] nonce;
        uint256[PUBLISHERS] number;
        uint256[PUBLISHERS] count;
        uint256 nextNumber;
        uint256 expiresAt;
        Signed[POOL] pool;
        uint256 pooled;
        Stored[MAX_RELEASES] releases;
        uint256 stored;
        /// @dev The step of the last authorising act and of the last revocation, per publisher and claim.
        uint256[CLAIMS][PUBLISHERS] lastAct;
        uint256[CLAIMS][PUBLISHERS] lastRevocation;
        /// @dev Bit i: release i of `releases` was valid (as the registry says) right after that revocation.
        uint256[CLAIMS][PUBLISHERS] validAfterRevocation;
    }

    function setUp() public override {
        super.setUp();
        vm.prank(publisherAddress(0));
        registry.authorizeDelegate(vm.addr(DELEGATE_KEY), "docker.io/acme/", uint64(START_TIME + DELEGATION_LENGTH));
    }

    function testFuzz_noRevokedClaimComesBackWithoutANewAct(uint256 seed) public {
        run(seed, false);
    }

    function testFuzz_everyStepDoesWhatTheModelSays(uint256 seed) public {
        run(seed, true);
    }

    function run(uint256 seed, bool predict) private {
        Model memory model;
        model.predict = predict;
        model.nextNumber = 1;
        model.expiresAt = START_TIME + DELEGATION_LENGTH;
        for (uint256 step = 1; step <= STEPS; ++step) {
            model.step = step;
            uint256 random = uint256(keccak256(abi.encode(seed, step)));
            uint256 operation = random % 8;
            random >>= 8;
            if (operation <= 1) sign(model, random);
            else if (operation == 2) publishDirectly(model, random);
            else if (operation == 3) publishThroughDelegate(model, random);
            else if (operation == 4) revokeOne(model, random);
            else if (operation == 5) invalidate(model, random);
            else if (operation == 6) submit(model, random);
            else passTime(random);
            // Every transaction lands in a later block.
            vm.roll(block.number + 1);
            vm.warp(block.timestamp + 12);
            checkInvariant(model);
        }
    }

    /*//////////////////////////////////////////////////////////////
                               OPERATIONS
    //////////////////////////////////////////////////////////////*/

    function sign(Model memory model, uint256 random) private view {
        uint256 by = random % 3;
        uint256 claim = (random >> 8) % CLAIMS;
        uint256 publisher = by == BY_DELEGATE ? 0 : by;
        uint256 deadline = block.timestamp + 1 hours + (random >> 16) % 3 days;
        uint256 nonce = model.nonce[publisher];
        uint256 key = by == BY_DELEGATE ? DELEGATE_KEY : keys[by];
        bytes memory signature = signRelease(key, publisherAddress(publisher), claimInput(claim), nonce, deadline);
        model.pool[model.pooled % POOL] = Signed(publisher, by, claim, nonce, deadline, signature);
        ++model.pooled;
        // A delegate's signature authorises only while its delegation is in force (there is no re-grant
        // here, so one made later can never publish).
        if (by != BY_DELEGATE || delegationInForce(model)) model.lastAct[publisher][claim] = model.step;
    }

    function publishDirectly(Model memory model, uint256 random) private {
        uint256 publisher = random % PUBLISHERS;
        uint256 claim = (random >> 8) % CLAIMS;
        IImageRegistry.ReleaseInput memory release = claimInput(claim);
        bytes memory expected = alreadyPublished(model, publisher, claim);
        vm.prank(publisherAddress(publisher));
        try registry.publish(release.name, release.imageId, release.manifestDigest, 0, 0) returns (uint256 id) {
            recorded(model, expected, publisher, claim, false, id);
            model.lastAct[publisher][claim] = model.step;
        } catch (bytes memory reason) {
            rejected(model, expected, reason, "publish");
        }
    }

    function publishThroughDelegate(Model memory model, uint256 random) private {
        uint256 claim = random % CLAIMS;
        bytes memory expected = delegateRejection(model);
        if (expected.length == 0) expected = alreadyPublished(model, 0, claim);
        address publisher = publisherAddress(0);
        IImageRegistry.ReleaseInput[] memory releases = single(claimInput(claim));
        // Arguments first: the prank is for the registry call, not for a cheatcode call computing them.
        vm.prank(vm.addr(DELEGATE_KEY));
        try registry.publishFor(publisher, releases) returns (uint256[] memory ids) {
            recorded(model, expected, 0, claim, true, ids[0]);
            model.lastAct[0][claim] = model.step;
        } catch (bytes memory reason) {
            rejected(model, expected, reason, "publishFor");
        }
    }

    function revokeOne(Model memory model, uint256 random) private {
        if (model.stored == 0) return;
        Stored memory release = model.releases[random % model.stored];
        bytes memory expected;
        if (release.revokedAt != 0) {
            expected = abi.encodeWithSelector(
                IImageRegistry.ImageRegistryAlreadyRevoked.selector, release.id, release.revokedAt
            );
        }
        vm.prank(publisherAddress(release.publisher));
        try registry.revoke(release.id, "fuzz") {
            assertTrue(!model.predict || expected.length == 0, "revoke succeeded where the model expected a revert");
            release.revokedAt = block.timestamp;
            ++model.nonce[release.publisher];
            model.lastRevocation[release.publisher][release.claim] = model.step;
            model.validAfterRevocation[release.publisher][release.claim] =
                validReleases(model, release.publisher, release.claim);
        } catch (bytes memory reason) {
            rejected(model, expected, reason, "revoke");
        }
    }

    function invalidate(Model memory model, uint256 random) private {
        uint256 publisher = random % PUBLISHERS;
        uint256 nonce = model.nonce[publisher] + 1 + (random >> 8) % 3;
        vm.prank(publisherAddress(publisher));
        registry.invalidateNonces(nonce);
        model.nonce[publisher] = nonce;
    }

    function submit(Model memory model, uint256 random) private {
        if (model.pooled == 0) return;
        uint256 available = model.pooled < POOL ? model.pooled : POOL;
        Signed memory signed = model.pool[random % available];
        address publisher = publisherAddress(signed.publisher);
        address signer = signed.by == BY_DELEGATE ? vm.addr(DELEGATE_KEY) : publisher;
        bytes memory expected = submissionRejection(model, signed);
        try registry.publishBySig(
            publisher, signer, claimInput(signed.claim), signed.nonce, signed.deadline, signed.signature
        ) returns (uint256 id) {
            // Not an act of its own: whoever submits, the signer acted when it signed.
            recorded(model, expected, signed.publisher, signed.claim, signed.by == BY_DELEGATE, id);
        } catch (bytes memory reason) {
            rejected(model, expected, reason, "publishBySig");
        }
    }

    function passTime(uint256 random) private {
        vm.warp(block.timestamp + random % 2 days);
        vm.roll(block.number + random % 50);
    }

    /*//////////////////////////////////////////////////////////////
                                 MODEL
    //////////////////////////////////////////////////////////////*/

    function recorded(
        Model memory model,
        bytes memory expected,
        uint256 publisher,
        uint256 claim,
        bool delegated,
        uint256 id
    ) private view {
        assertTrue(
            !model.predict || expected.length == 0, string.concat("succeeded where the model expected a revert")
        );
        if (model.number[publisher] == 0) model.number[publisher] = model.nextNumber++;
        if (model.predict) {
            assertEq(id, releaseId(model.number[publisher], model.count[publisher]), "new release id");
        }
        ++model.count[publisher];
        model.releases[model.stored++] = Stored(id, publisher, claim, delegated, 0);
        assertEq(registry.getRelease(id).signer, delegated ? vm.addr(DELEGATE_KEY) : address(0), "signer recorded");
    }

    function rejected(Model memory model, bytes memory expected, bytes memory reason, string memory what)
        private
        pure
    {
        if (!model.predict) return;
        assertTrue(
            expected.length != 0,
            string.concat(what, " reverted where the model expected success: ", vm.toString(bytes32(reason)))
        );
        assertEq(keccak256(reason), keccak256(expected), string.concat(what, " revert data"));
    }

    function isValid(Model memory model, Stored memory release) private view returns (bool) {
        return release.revokedAt == 0 && (!release.delegated || delegationInForce(model));
    }

    function delegationInForce(Model memory model) private view returns (bool) {
        return block.timestamp <= model.expiresAt;
    }

    function alreadyPublished(Model memory model, uint256 publisher, uint256 claim)
        private
        view
        returns (bytes memory)
    {
        for (uint256 i; i < model.stored; ++i) {
            Stored memory release = model.releases[i];
            if (release.publisher == publisher && release.claim == claim && isValid(model, release)) {
                return abi.encodeWithSelector(IImageRegistry.ImageRegistryAlreadyPublished.selector, release.id);
            }
        }
        return "";
    }

    function delegateRejection(Model memory model) private view returns (bytes memory) {
        if (delegationInForce(model)) return "";
        return abi.encodeWithSelector(
            IImageRegistry.ImageRegistryDelegationExpired.selector,
            publisherAddress(0),
            vm.addr(DELEGATE_KEY),
            model.expiresAt
        );
    }

    /// @dev publishBySig's checks in its order: deadline, nonce, (signature: always good here), delegation, duplicate.
    function submissionRejection(Model memory model, Signed memory signed) private view returns (bytes memory) {
        if (block.timestamp > signed.deadline) {
            return abi.encodeWithSelector(IImageRegistry.ImageRegistryExpiredSignature.selector, signed.deadline);
        }
        uint256 current = model.nonce[signed.publisher];
        if (signed.nonce != current) {
            return abi.encodeWithSelector(IImageRegistry.ImageRegistryStaleNonce.selector, signed.nonce, current);
        }
        if (signed.by == BY_DELEGATE) {
            bytes memory rejection = delegateRejection(model);
            if (rejection.length != 0) return rejection;
        }
        return alreadyPublished(model, signed.publisher, signed.claim);
    }

    /*//////////////////////////////////////////////////////////////
                               INVARIANT
    //////////////////////////////////////////////////////////////*/

    function checkInvariant(Model memory model) private view {
        for (uint256 publisher; publisher < PUBLISHERS; ++publisher) {
            for (uint256 claim; claim < CLAIMS; ++claim) {
                if (model.lastRevocation[publisher][claim] <= model.lastAct[publisher][claim]) continue;
                uint256 allowed = model.validAfterRevocation[publisher][claim];
                uint256 comeBack = validReleases(model, publisher, claim) & ~allowed;
                (bool found, IImageRegistry.Release memory latest) =
                    registry.latestValidRelease(publisherAddress(publisher), claimInput(claim).name);
                // latestValidRelease must agree: nothing, or one that was valid right after the revocation.
                if (found) comeBack |= (1 << indexOf(model, latest.id)) & ~allowed;
                assertTrue(
                    comeBack == 0,
                    string.concat(
                        "step ",
                        vm.toString(model.step),
                        ": claim ",
                        vm.toString(claim),
                        " of publisher ",
                        vm.toString(publisher),
                        " has a valid release again after its revocation (model releases, as bits: ",
                        vm.toString(comeBack),
                        ")"
                    )
                );
            }
        }
        if (!model.predict) return;
        for (uint256 publisher; publisher < PUBLISHERS; ++publisher) {
            assertEq(registry.nonces(publisherAddress(publisher)), model.nonce[publisher], "nonce");
        }
        for (uint256 i; i < model.stored; ++i) {
            Stored memory release = model.releases[i];
            assertTrue(registry.getRelease(release.id).valid == isValid(model, release), "valid as the model says");
        }
    }

    /// @dev The publisher's releases of the claim that the registry calls valid, as bits over `releases`.
    function validReleases(Model memory model, uint256 publisher, uint256 claim) private view returns (uint256 bits) {
        for (uint256 i; i < model.stored; ++i) {
            Stored memory release = model.releases[i];
            if (release.publisher == publisher && release.claim == claim && registry.getRelease(release.id).valid) {
                bits |= 1 << i;
            }
        }
    }

    function indexOf(Model memory model, uint256 id) private pure returns (uint256) {
        for (uint256 i; i < model.stored; ++i) {
            if (model.releases[i].id == id) return i;
        }
        revert(string.concat("release ", vm.toString(id), " is not in the model"));
    }

    /*//////////////////////////////////////////////////////////////
                                FIXTURES
    //////////////////////////////////////////////////////////////*/

    function publisherAddress(uint256 publisher) private view returns (address) {
        return vm.addr(keys[publisher]);
    }

    /// @dev One name per claim, so a name's latest valid release is the claim's.
    function claimInput(uint256 claim) private pure returns (IImageRegistry.ReleaseInput memory) {
        string memory tag = vm.toString(claim);
        return inputOf(
            string.concat("docker.io/acme/api:", tag),
            sha256(bytes(string.concat("config ", tag))),
            sha256(bytes(string.concat("manifest ", tag)))
        );
    }
}
