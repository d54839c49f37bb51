// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IImageRegistry} from "../IImageRegistry.sol";
import {RegistryTestBase} from "./RegistryTestBase.t.sol";
import {vm} from "./Vm.t.sol";

/// @notice Delegate keys: a publisher authorises a key for a name prefix until an expiry; the key's releases
///         record it as their signer and count only while that grant is in force.
contract ImageRegistryDelegationTest is RegistryTestBase {
    uint256 private constant CI_KEY = 0xC1C1;
    address private immutable ci = vm.addr(CI_KEY);
    string private constant PREFIX = "docker.io/acme/";
    uint64 private immutable expiresAt = uint64(START_TIME + 30 days);
    uint256 private immutable deadline = START_TIME + 1 days;
    bytes32 private immutable imageId = sha256("1.4.2 config");
    bytes32 private immutable manifestDigest = sha256("1.4.2 manifest");

    function authorize(address publisher, address delegate, string memory prefix, uint256 until) private {
        vm.prank(publisher);
        registry.authorizeDelegate(delegate, prefix, uint64(until));
    }

    function revokeDelegation(address publisher, address delegate) private {
        vm.prank(publisher);
        registry.revokeDelegate(delegate);
    }

    function publishByCi(address publisher, string memory name, bytes32 config) private returns (uint256) {
        return publishByCiRaw(publisher, name, config)[0];
    }

    /// @dev For a call expected to revert: after vm.expectRevert the call returns no ids to index. Its
    ///      arguments hold no call of their own (a sha256 would be the call expectRevert checks).
    function publishByCiRaw(address publisher, string memory name, bytes32 config) private returns (uint256[] memory) {
        IImageRegistry.ReleaseInput[] memory releases = single(inputOf(name, config, manifestDigest));
        vm.prank(ci);
        return registry.publishFor(publisher, releases);
    }

    function assertDelegation(
        address publisher,
        address delegate,
        string memory prefix,
        uint256 since,
        uint256 until,
        uint256 revokedAt,
        bool active
    ) private view {
        IImageRegistry.Delegation memory grant = registry.delegation(publisher, delegate);
        assertEq(keccak256(bytes(grant.namePrefix)), keccak256(bytes(prefix)), "namePrefix");
        assertEq(grant.since, since, "since");
        assertEq(grant.expiresAt, until, "expiresAt");
        assertEq(grant.revokedAt, revokedAt, "revokedAt");
        assertTrue(grant.active == active, active ? "expected active" : "expected inactive");
    }

    /*//////////////////////////////////////////////////////////////
                              AUTHORISING
    //////////////////////////////////////////////////////////////*/

    function test_authorizesADelegateAndEmitsTheGrant() public {
        vm.expectEmit(true, true, true, true, address(registry));
        emit IImageRegistry.DelegateAuthorized(ALICE, ci, PREFIX, expiresAt, uint64(START_BLOCK));
        authorize(ALICE, ci, PREFIX, expiresAt);
        assertDelegation(ALICE, ci, PREFIX, START_BLOCK, expiresAt, 0, true);
        assertDelegation(BOB, ci, "", 0, 0, 0, false);
    }

    function test_rejectsTheZeroAddressAsDelegate() public {
        vm.expectRevert(abi.encodeWithSelector(IImageRegistry.ImageRegistryInvalidDelegate.selector, address(0)));
        authorize(ALICE, address(0), PREFIX, expiresAt);
    }

    function test_rejectsThePublisherAsItsOwnDelegate() public {
        vm.expectRevert(abi.encodeWithSelector(IImageRegistry.ImageRegistryInvalidDelegate.selector, ALICE));
        authorize(ALICE, ALICE, PREFIX, expiresAt);
    }

    function testFuzz_rejectsAnExpiryNotInTheFuture(uint256 past) public {
        past = bound(past, 0, START_TIME);
        vm.expectRevert(abi.encodeWithSelector(IImageRegistry.ImageRegistryInvalidExpiry.selector, past));
        authorize(ALICE, ci, PREFIX, past);
    }

    function testFuzz_rejectsAnExpiryFrom2To32(uint64 until) public {
        until = uint64(bound(until, 2 ** 32, type(uint64).max));
        vm.expectRevert(abi.encodeWithSelector(IImageRegistry.ImageRegistryInvalidExpiry.selector, until));
        authorize(ALICE, ci, PREFIX, until);
    }

    function test_acceptsTheLast32BitExpiry() public {
        authorize(ALICE, ci, PREFIX, 2 ** 32 - 1);
        assertDelegation(ALICE, ci, PREFIX, START_BLOCK, 2 ** 32 - 1, 0, true);
    }

    function test_rejectsAPrefixWithAControlByte() public {
        vm.expectRevert(
            abi.encodeWithSelector(IImageRegistry.ImageRegistryInvalidNameByte.selector, 15, bytes1(0x0a))
        );
        authorize(ALICE, ci, "docker.io/acme/\n", expiresAt);
    }

    function test_acceptsAnEmptyPrefixForEveryName() public {
        authorize(ALICE, ci, "", expiresAt);
        uint256 id = publishByCi(ALICE, "ghcr.io/elsewhere/tool:1", imageId);
        assertDelegatedRelease(registry.getRelease(id), id, ALICE, ci, START_BLOCK, true);
    }

    /*//////////////////////////////////////////////////////////////
                              PUBLISHING
    //////////////////////////////////////////////////////////////*/

    function test_publishForRecordsThePublisherAndTheDelegate() public {
        authorize(ALICE, ci, PREFIX, expiresAt);
        vm.expectEmit(true, true, true, true, address(registry));
        emit IImageRegistry.Published(
            releaseId(1, 0), ALICE, keccak256(bytes(NAME)), NAME, imageId, manifestDigest, 0, 0
        );
        uint256 id = publishByCi(ALICE, NAME, imageId);
        assertEq(id, releaseId(1, 0), "id");
        IImageRegistry.Release memory release = registry.getRelease(id);
        assertDelegatedRelease(release, id, ALICE, ci, START_BLOCK, true);
        assertEq(release.publishedAt, START_TIME, "publishedAt");
        (IImageRegistry.Release[] memory byPublisher, uint256 total) = registry.releasesByPublisher(ALICE, 0, 10);
        assertEq(total, 1, "alice's releases");
        assertEq(byPublisher[0].signer, ci, "signer in a list");
        (, total) = registry.releasesByPublisher(ci, 0, 10);
        assertEq(total, 0, "the delegate's own releases");
    }

    function test_publishForPublishesABatchInOrder() public {
        authorize(ALICE, ci, PREFIX, expiresAt);
        IImageRegistry.ReleaseInput[] memory releases = new IImageRegistry.ReleaseInput[](2);
        releases[0] = inputOf("docker.io/acme/api:1", sha256("c1"), 0);
        releases[1] = inputOf("docker.io/acme/web:1", sha256("c2"), 0);
        vm.prank(ci);
        uint256[] memory ids = registry.publishFor(ALICE, releases);
        assertEq(ids.length, 2, "ids");
        assertEq(ids[0], releaseId(1, 0), "first id");
        assertEq(ids[1], releaseId(1, 1), "second id");
    }

    function test_publishForRejectsAnEmptyBatch() public {
        authorize(ALICE, ci, PREFIX, expiresAt);
        vm.expectRevert(abi.encodeWithSelector(IImageRegistry.ImageRegistryEmptyBatch.selector));
        vm.prank(ci);
        registry.publishFor(ALICE, new IImageRegistry.ReleaseInput[](0));
    }

    function test_rejectsANameOutsideThePrefix() public {
        authorize(ALICE, ci, PREFIX, expiresAt);
        string memory outside = "docker.io/other/api:1.4.2";
        vm.expectRevert(abi.encodeWithSelector(IImageRegistry.ImageRegistryNameOutOfScope.selector, outside, PREFIX));
        publishByCiRaw(ALICE, outside, imageId);
    }

    function test_rejectsANameShorterThanThePrefix() public {
        authorize(ALICE, ci, PREFIX, expiresAt);
        vm.expectRevert(
            abi.encodeWithSelector(IImageRegistry.ImageRegistryNameOutOfScope.selector, "docker.io/acme", PREFIX)
        );
        publishByCiRaw(ALICE, "docker.io/acme", imageId);
    }

    function test_rejectsAKeyThePublisherDidNotAuthorise() public {
        authorize(ALICE, ci, PREFIX, expiresAt);
        vm.expectRevert(abi.encodeWithSelector(IImageRegistry.ImageRegistryNotDelegate.selector, BOB, ci));
        publishByCiRaw(BOB, NAME, imageId);
    }

    function test_acceptsTheDelegateUntilItsExpiryAndRejectsItAfter() public {
        authorize(ALICE, ci, PREFIX, expiresAt);
        vm.warp(expiresAt);
        publishByCi(ALICE, NAME, imageId);
        vm.warp(uint256(expiresAt) + 1);
        bytes32 nextImageId = sha256("1.4.3 config");
        vm.expectRevert(
            abi.encodeWithSelector(IImageRegistry.ImageRegistryDelegationExpired.selector, ALICE, ci, expiresAt)
        );
        publishByCiRaw(ALICE, NAME, nextImageId);
    }

    function test_rejectsARevokedDelegate() public {
        authorize(ALICE, ci, PREFIX, expiresAt);
        vm.warp(START_TIME + 1 hours);
        vm.expectEmit(true, true, true, true, address(registry));
        emit IImageRegistry.DelegateRevoked(ALICE, ci);
        revokeDelegation(ALICE, ci);
        assertDelegation(ALICE, ci, PREFIX, START_BLOCK, expiresAt, START_TIME + 1 hours, false);
        vm.expectRevert(
            abi.encodeWithSelector(
                IImageRegistry.ImageRegistryDelegationRevoked.selector, ALICE, ci, START_TIME + 1 hours
            )
        );
        publishByCiRaw(ALICE, NAME, imageId);
    }

    function test_revokeDelegateRejectsADelegateNeverAuthorised() public {
        vm.expectRevert(abi.encodeWithSelector(IImageRegistry.ImageRegistryNotDelegate.selector, ALICE, ci));
        revokeDelegation(ALICE, ci);
    }

    function test_revokeDelegateRejectsASecondRevocation() public {
        authorize(ALICE, ci, PREFIX, expiresAt);
        revokeDelegation(ALICE, ci);
        vm.warp(START_TIME + 1);
        vm.expectRevert(
            abi.encodeWithSelector(IImageRegistry.ImageRegistryDelegationRevoked.selector, ALICE, ci, START_TIME)
        );
        revokeDelegation(ALICE, ci);
    }

    function test_theDelegateCannotRevokeThePublishersReleases() public {
        authorize(ALICE, ci, PREFIX, expiresAt);
        uint256 id = publishByCi(ALICE, NAME, imageId);
        vm.expectRevert(abi.encodeWithSelector(IImageRegistry.ImageRegistryNotPublisher.selector, id, ci, ALICE));
        vm.prank(ci);
        registry.revoke(id, "");
        // The publisher can, and that moves the publisher's nonce.
        vm.prank(ALICE);
        registry.revoke(id, "");
        assertDelegatedRelease(registry.getRelease(id), id, ALICE, ci, START_BLOCK, false);
        assertEq(registry.nonces(ALICE), 1, "publisher's nonce");
    }

    /*//////////////////////////////////////////////////////////////
                          SIGNING FOR A PUBLISHER
    //////////////////////////////////////////////////////////////*/

    function test_aDelegateKeySignsAReleaseAnyoneSubmits() public {
        authorize(ALICE, ci, PREFIX, expiresAt);
        IImageRegistry.ReleaseInput memory release = inputOf(NAME, imageId, manifestDigest);
        bytes memory signature = signRelease(CI_KEY, ALICE, release, 0, deadline);
        vm.prank(BOB);
        uint256 id = registry.publishBySig(ALICE, ci, release, 0, deadline, signature);
        assertDelegatedRelease(registry.getRelease(id), releaseId(1, 0), ALICE, ci, START_BLOCK, true);
    }

    function test_aDelegatesSignatureForOnePublisherDoesNotPublishForAnother() public {
        authorize(ALICE, ci, PREFIX, expiresAt);
        authorize(BOB, ci, PREFIX, expiresAt);
        IImageRegistry.ReleaseInput memory release = inputOf(NAME, imageId, manifestDigest);
        bytes memory forAlice = signRelease(CI_KEY, ALICE, release, 0, deadline);
        // BOB's message differs in its publisher, so ALICE's signature recovers to some other key.
        (bytes32 r, bytes32 s) = abi.decode(forAlice, (bytes32, bytes32));
        address recovered = ecrecover(registry.releaseDigest(BOB, release, 0, deadline), uint8(forAlice[64]), r, s);
        vm.expectRevert(abi.encodeWithSelector(IImageRegistry.ImageRegistryInvalidSigner.selector, recovered, ci));
        registry.publishBySig(BOB, ci, release, 0, deadline, forAlice);
    }

    function test_aDelegatesSignatureIsCheckedAgainstItsScope() public {
        authorize(ALICE, ci, PREFIX, expiresAt);
        IImageRegistry.ReleaseInput memory release = inputOf("ghcr.io/acme/api:1", imageId, 0);
        bytes memory signature = signRelease(CI_KEY, ALICE, release, 0, deadline);
        vm.expectRevert(
            abi.encodeWithSelector(IImageRegistry.ImageRegistryNameOutOfScope.selector, release.name, PREFIX)
        );
        registry.publishBySig(ALICE, ci, release, 0, deadline, signature);
    }

    function test_aRevokedDelegatesSignatureNoLongerPublishes() public {
        authorize(ALICE, ci, PREFIX, expiresAt);
        IImageRegistry.ReleaseInput memory release = inputOf(NAME, imageId, 0);
        bytes memory signature = signRelease(CI_KEY, ALICE, release, 0, deadline);
        revokeDelegation(ALICE, ci);
        vm.expectRevert(
            abi.encodeWithSelector(IImageRegistry.ImageRegistryDelegationRevoked.selector, ALICE, ci, START_TIME)
        );
        registry.publishBySig(ALICE, ci, release, 0, deadline, signature);
    }

    /*//////////////////////////////////////////////////////////////
                                VALIDITY
    //////////////////////////////////////////////////////////////*/

    function test_aRevokedDelegatesReleasesAreNotValid() public {
        authorize(ALICE, ci, PREFIX, expiresAt);
        uint256 id = publishByCi(ALICE, NAME, imageId);
        vm.roll(START_BLOCK + 1);
        revokeDelegation(ALICE, ci);
        IImageRegistry.Release memory release = registry.getRelease(id);
        assertDelegatedRelease(release, id, ALICE, ci, START_BLOCK, false);
        // Not revoked itself: the delegation is what stopped counting.
        assertEq(release.revokedAt, 0, "revokedAt");
        (IImageRegistry.Release[] memory byDigest,) = registry.releasesByDigest(imageId, 0, 1);
        assertTrue(!byDigest[0].valid, "not valid in a list either");
    }

    function test_anExpiredDelegatesReleasesAreNotValidAndARenewalInForceRestoresThem() public {
        authorize(ALICE, ci, PREFIX, expiresAt);
        uint256 id = publishByCi(ALICE, NAME, imageId);
        vm.roll(START_BLOCK + 10);
        vm.warp(uint256(expiresAt) - 1 hours);
        // A renewal before expiry, same prefix: the grant keeps its block, so its releases keep counting.
        authorize(ALICE, ci, PREFIX, uint256(expiresAt) + 30 days);
        assertDelegation(ALICE, ci, PREFIX, START_BLOCK, uint256(expiresAt) + 30 days, 0, true);
        vm.warp(uint256(expiresAt) + 1);
        assertDelegatedRelease(registry.getRelease(id), id, ALICE, ci, START_BLOCK, true);
        vm.warp(uint256(expiresAt) + 30 days + 1);
        assertDelegatedRelease(registry.getRelease(id), id, ALICE, ci, START_BLOCK, false);
        assertDelegation(ALICE, ci, PREFIX, START_BLOCK, uint256(expiresAt) + 30 days, 0, false);
    }

    function test_aGrantAfterExpiryStartsAnew() public {
        authorize(ALICE, ci, PREFIX, expiresAt);
        uint256 old = publishByCi(ALICE, NAME, imageId);
        vm.roll(START_BLOCK + 10);
        vm.warp(uint256(expiresAt) + 1);
        authorize(ALICE, ci, PREFIX, uint256(expiresAt) + 30 days);
        assertDelegation(ALICE, ci, PREFIX, START_BLOCK + 10, uint256(expiresAt) + 30 days, 0, true);
        assertDelegatedRelease(registry.getRelease(old), old, ALICE, ci, START_BLOCK, false);
        uint256 fresh = publishByCi(ALICE, NAME, sha256("1.4.3 config"));
        assertDelegatedRelease(registry.getRelease(fresh), fresh, ALICE, ci, START_BLOCK + 10, true);
    }

    function test_aGrantAfterRevocationLeavesTheOldReleasesVoid() public {
        authorize(ALICE, ci, PREFIX, expiresAt);
        uint256 old = publishByCi(ALICE, NAME, imageId);
        vm.roll(START_BLOCK + 1);
        revokeDelegation(ALICE, ci);
        vm.roll(START_BLOCK + 2);
        vm.expectEmit(true, true, true, true, address(registry));
        emit IImageRegistry.DelegateAuthorized(ALICE, ci, PREFIX, expiresAt, uint64(START_BLOCK + 2));
        authorize(ALICE, ci, PREFIX, expiresAt);
        assertDelegation(ALICE, ci, PREFIX, START_BLOCK + 2, expiresAt, 0, true);
        assertDelegatedRelease(registry.getRelease(old), old, ALICE, ci, START_BLOCK, false);
        // The old claim is void, so the re-granted key may publish it again.
        uint256 again = publishByCi(ALICE, NAME, imageId);
        assertDelegatedRelease(registry.getRelease(again), again, ALICE, ci, START_BLOCK + 2, true);
    }

    function test_aPrefixChangeLeavesTheOldReleasesVoid() public {
        authorize(ALICE, ci, PREFIX, expiresAt);
        uint256 old = publishByCi(ALICE, NAME, imageId);
        vm.roll(START_BLOCK + 1);
        authorize(ALICE, ci, "docker.io/acme/api", expiresAt);
        assertDelegation(ALICE, ci, "docker.io/acme/api", START_BLOCK + 1, expiresAt, 0, true);
        assertDelegatedRelease(registry.getRelease(old), old, ALICE, ci, START_BLOCK, false);
    }

    function test_aReleaseInTheGrantsOwnBlockCounts() public {
        authorize(ALICE, ci, PREFIX, expiresAt);
        uint256 id = publishByCi(ALICE, NAME, imageId);
        assertDelegatedRelease(registry.getRelease(id), id, ALICE, ci, START_BLOCK, true);
    }

    function test_thePublisherMayPublishAClaimItsRevokedDelegatePublished() public {
        authorize(ALICE, ci, PREFIX, expiresAt);
        uint256 delegated = publishByCi(ALICE, NAME, imageId);
        // While the delegate's release counts, it is the publisher's claim already.
        vm.expectRevert(abi.encodeWithSelector(IImageRegistry.ImageRegistryAlreadyPublished.selector, delegated));
        publishAs(ALICE, NAME, imageId, manifestDigest);
        vm.roll(START_BLOCK + 1);
        revokeDelegation(ALICE, ci);
        uint256 own = publishAs(ALICE, NAME, imageId, manifestDigest);
        assertRelease(registry.getRelease(own), releaseId(1, 1), ALICE, START_TIME, 0, START_BLOCK + 1);
    }

    function test_latestValidReleaseSkipsInvalidDelegatedReleases() public {
        uint256 own = publishAs(ALICE, NAME, sha256("1.4.1 config"), 0);
        authorize(ALICE, ci, PREFIX, expiresAt);
        vm.roll(START_BLOCK + 1);
        uint256 delegated = publishByCi(ALICE, NAME, imageId);
        (bool found, IImageRegistry.Release memory latest) = registry.latestValidRelease(ALICE, NAME);
        assertTrue(found, "found while the delegate is in force");
        assertDelegatedRelease(latest, delegated, ALICE, ci, START_BLOCK + 1, true);
        vm.roll(START_BLOCK + 2);
        revokeDelegation(ALICE, ci);
        (found, latest) = registry.latestValidRelease(ALICE, NAME);
        assertTrue(found, "found after the delegate's revocation");
        assertRelease(latest, own, ALICE, START_TIME, 0, START_BLOCK);
    }
}
