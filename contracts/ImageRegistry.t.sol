// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IImageRegistry} from "./IImageRegistry.sol";
import {ImageRegistry} from "./ImageRegistry.sol";
import {RegistryTestBase} from "./test/RegistryTestBase.t.sol";
import {vm} from "./test/Vm.t.sol";

/// @notice The name rule, fuzzed against a byte-by-byte reference of it.
contract ImageRegistryNameTest is RegistryTestBase {
    bytes32 private immutable imageId = sha256("config");

    function testFuzz_acceptsAnyNameWithoutControlBytes(bytes memory seed) public {
        bytes memory name = printable(seed);
        vm.prank(ALICE);
        uint256 id = registry.publish(string(name), imageId, 0, 0, 0);
        (IImageRegistry.Release[] memory history, uint256 total) = registry.releasesByName(ALICE, string(name), 0, 1);
        assertEq(total, 1, "releases under the name");
        assertEq(history[0].id, id, "release under the name");
    }

    function testFuzz_rejectsTheFirstControlByte(bytes memory seed, uint256 position, uint8 control) public {
        bytes memory name = printable(seed);
        position = bound(position, 0, name.length - 1);
        // 0x00-0x1f and 0x7f are the control bytes.
        bytes1 value = control % 33 == 32 ? bytes1(0x7f) : bytes1(control % 33);
        name[position] = value;
        // A second control byte after the first changes nothing: the first is reported.
        if (position + 1 < name.length) name[name.length - 1] = 0x00;
        vm.expectRevert(
            abi.encodeWithSelector(IImageRegistry.ImageRegistryInvalidNameByte.selector, position, value)
        );
        registry.publish(string(name), imageId, 0, 0, 0);
    }

    function testFuzz_agreesWithTheByteByByteRule(bytes memory raw) public {
        bytes memory expected = referenceRejection(raw);
        if (expected.length != 0) vm.expectRevert(expected);
        registry.publish(string(raw), imageId, 0, 0, 0);
    }

    function testFuzz_rejectsNamesLongerThan255Bytes(uint256 length) public {
        length = bound(length, 256, 2_000);
        vm.expectRevert(abi.encodeWithSelector(IImageRegistry.ImageRegistryNameTooLong.selector, length));
        registry.publish(string(filled(length, "a")), imageId, 0, 0, 0);
    }

    function test_rejectsAnEmptyName() public {
        vm.expectRevert(abi.encodeWithSelector(IImageRegistry.ImageRegistryEmptyName.selector));
        registry.publish("", imageId, 0, 0, 0);
    }

    function test_acceptsNamesOfExactly1And255Bytes() public {
        registry.publish("a", imageId, 0, 0, 0);
        registry.publish(string(filled(255, "~")), imageId, 0, 0, 0);
    }

    function test_acceptsUtf8Names() public {
        registry.publish(unicode"registry.example/équipe/api:1.0 ✓", imageId, 0, 0, 0);
    }

    /// @dev The seed's bytes with each control byte moved into the printable range, 1..255 bytes long.
    function printable(bytes memory seed) private pure returns (bytes memory name) {
        uint256 length = seed.length == 0 ? 1 : (seed.length > 255 ? 255 : seed.length);
        name = new bytes(length);
        for (uint256 i; i < length; ++i) {
            uint8 value = i < seed.length ? uint8(seed[i]) : 0x61;
            if (value < 0x20) value += 0x40;
            if (value == 0x7f) value = 0x7e;
            name[i] = bytes1(value);
        }
    }

    function filled(uint256 length, bytes1 value) private pure returns (bytes memory name) {
        name = new bytes(length);
        for (uint256 i; i < length; ++i) {
            name[i] = value;
        }
    }

    /// @dev The revert data the rule asks for, checked byte by byte; empty when the name is valid.
    function referenceRejection(bytes memory raw) private pure returns (bytes memory) {
        if (raw.length == 0) return abi.encodeWithSelector(IImageRegistry.ImageRegistryEmptyName.selector);
        if (raw.length > 255) {
            return abi.encodeWithSelector(IImageRegistry.ImageRegistryNameTooLong.selector, raw.length);
        }
        for (uint256 i; i < raw.length; ++i) {
            if (uint8(raw[i]) < 0x20 || uint8(raw[i]) == 0x7f) {
                return abi.encodeWithSelector(IImageRegistry.ImageRegistryInvalidNameByte.selector, i, raw[i]);
            }
        }
        return "";
    }
}

/// @notice Publishing: what is stored, what is emitted, how ids are given.
contract ImageRegistryPublishTest is RegistryTestBase {
    function testFuzz_recordsTheReleaseAndEmitsEveryDigest(
        bytes32 imageId,
        bytes32 manifestDigest,
        bytes32 indexDigest,
        bytes32 archiveDigest
    ) public {
        vm.assume(imageId != 0 || manifestDigest != 0 || indexDigest != 0 || archiveDigest != 0);
        uint256 expectedId = releaseId(1, 0);
        vm.expectEmit(true, true, true, true, address(registry));
        emit IImageRegistry.Published(
            expectedId, ALICE, keccak256(bytes(NAME)), NAME, imageId, manifestDigest, indexDigest, archiveDigest
        );
        vm.prank(ALICE);
        uint256 id = registry.publish(NAME, imageId, manifestDigest, indexDigest, archiveDigest);

        assertEq(id, expectedId, "id");
        assertRelease(registry.getRelease(id), id, ALICE, START_TIME, 0, START_BLOCK);
        bytes32[4] memory digests = [imageId, manifestDigest, indexDigest, archiveDigest];
        for (uint256 i; i < 4; ++i) {
            (IImageRegistry.Release[] memory listed, uint256 total) = registry.releasesByDigest(digests[i], 0, 10);
            // A zero digest is never listed; a digest named in several roles is listed once.
            assertEq(total, digests[i] == 0 ? 0 : 1, "releases naming the digest");
            if (total == 1) assertEq(listed[0].id, id, "release naming the digest");
        }
    }

    function test_listsAReleaseOnceUnderADigestItNamesInEveryRole() public {
        bytes32 digest = digestOf("one blob");
        uint256 id = registry.publish(NAME, digest, digest, digest, digest);
        (IImageRegistry.Release[] memory listed, uint256 total) = registry.releasesByDigest(digest, 0, 10);
        assertEq(total, 1, "releases naming the digest");
        assertEq(listed[0].id, id, "release naming the digest");
    }

    function test_recordsAPlainFileByItsArchiveDigestAlone() public {
        bytes32 archiveDigest = digestOf("release.tar.gz");
        uint256 id = registry.publish("downloads.example/acme/cli-1.4.2.tar.gz", 0, 0, 0, archiveDigest);
        (IImageRegistry.Release[] memory listed,) = registry.releasesByDigest(archiveDigest, 0, 1);
        assertEq(listed[0].id, id, "release naming the archive");
        (, uint256 zeroListed) = registry.releasesByDigest(0, 0, 1);
        assertEq(zeroListed, 0, "releases under the zero digest");
    }

    function test_rejectsAReleaseWithNoDigest() public {
        vm.expectRevert(abi.encodeWithSelector(IImageRegistry.ImageRegistryNoDigest.selector));
        registry.publish(NAME, 0, 0, 0, 0);
    }

    function testFuzz_numbersPublishersByTheirFirstRelease(uint8 count) public {
        count = uint8(bound(count, 1, 20));
        for (uint256 i; i < count; ++i) {
            address publisher = address(uint160(0x1000 + i));
            assertEq(publishAs(publisher, NAME, digestOf(vm.toString(i)), 0), releaseId(i + 1, 0), "first id");
        }
        // A known publisher keeps its number; its sequence grows.
        assertEq(publishAs(address(0x1000), NAME, digestOf("again"), 0), releaseId(1, 1), "second id");
    }

    function test_neverOverwritesAName() public {
        uint256 first = publishAs(ALICE, NAME, digestOf("1.4.2 config"), 0);
        vm.warp(START_TIME + 60);
        vm.roll(START_BLOCK + 5);
        uint256 second = publishAs(ALICE, NAME, digestOf("1.4.2 rebuilt config"), 0);
        (IImageRegistry.Release[] memory history, uint256 total) = registry.releasesByName(ALICE, NAME, 0, 10);
        assertEq(total, 2, "releases under the name");
        assertRelease(history[0], second, ALICE, START_TIME + 60, 0, START_BLOCK + 5);
        assertRelease(history[1], first, ALICE, START_TIME, 0, START_BLOCK);
    }

    function test_publishesABatchInOrder() public {
        IImageRegistry.ReleaseInput[] memory batch = new IImageRegistry.ReleaseInput[](2);
        bytes32 indexDigest = digestOf("index");
        batch[0] = platform("amd64", indexDigest);
        batch[1] = platform("arm64", indexDigest);
        vm.prank(ALICE);
        uint256[] memory ids = registry.publishBatch(batch);
        assertEq(ids.length, 2, "ids");
        assertEq(ids[0], releaseId(1, 0), "first id");
        assertEq(ids[1], releaseId(1, 1), "second id");
        (IImageRegistry.Release[] memory platforms,) = registry.releasesByDigest(indexDigest, 0, 10);
        uint256[] memory newestFirst = new uint256[](2);
        (newestFirst[0], newestFirst[1]) = (ids[1], ids[0]);
        assertIds(platforms, newestFirst, "releases of the index");
    }

    function platform(string memory architecture, bytes32 indexDigest)
        private
        pure
        returns (IImageRegistry.ReleaseInput memory)
    {
        bytes32 imageId = digestOf(string.concat(architecture, " config"));
        bytes32 manifestDigest = digestOf(string.concat(architecture, " manifest"));
        return IImageRegistry.ReleaseInput(NAME, imageId, manifestDigest, indexDigest, 0);
    }

    function test_rejectsAnEmptyBatch() public {
        vm.expectRevert(abi.encodeWithSelector(IImageRegistry.ImageRegistryEmptyBatch.selector));
        registry.publishBatch(new IImageRegistry.ReleaseInput[](0));
    }

    function test_revertsAWholeBatchForOneBadRelease() public {
        IImageRegistry.ReleaseInput[] memory batch = new IImageRegistry.ReleaseInput[](2);
        batch[0] = IImageRegistry.ReleaseInput(NAME, digestOf("config"), 0, 0, 0);
        batch[1] = IImageRegistry.ReleaseInput(NAME, 0, 0, 0, 0);
        vm.expectRevert(abi.encodeWithSelector(IImageRegistry.ImageRegistryNoDigest.selector));
        registry.publishBatch(batch);
        (, uint256 total) = registry.releasesByPublisher(address(this), 0, 10);
        assertEq(total, 0, "releases after the reverted batch");
    }
}

/// @notice The exact-duplicate rule: a claim (publisher, name, digests) has at most one valid release.
contract ImageRegistryDuplicateTest is RegistryTestBase {
    bytes32 private immutable d1 = sha256("d1");
    bytes32 private immutable d2 = sha256("d2");

    function testFuzz_rejectsTheSameClaimWhileItIsValid(bytes32 imageId, bytes32 manifestDigest) public {
        vm.assume(imageId != 0);
        uint256 first = publishAs(ALICE, NAME, imageId, manifestDigest);
        vm.expectRevert(abi.encodeWithSelector(IImageRegistry.ImageRegistryAlreadyPublished.selector, first));
        publishAs(ALICE, NAME, imageId, manifestDigest);
    }

    function test_findsTheDuplicateOfANamesFirstRelease() public {
        uint256 first = publishAs(ALICE, NAME, d1, 0);
        publishAs(ALICE, NAME, d2, 0);
        vm.expectRevert(abi.encodeWithSelector(IImageRegistry.ImageRegistryAlreadyPublished.selector, first));
        publishAs(ALICE, NAME, d1, 0);
    }

    function test_findsTheDuplicateOfADigestsFirstRelease() public {
        publishAs(ALICE, NAME, d1, 0);
        // Not the name's first release, but the first release naming d2.
        uint256 second = publishAs(ALICE, NAME, d2, 0);
        vm.expectRevert(abi.encodeWithSelector(IImageRegistry.ImageRegistryAlreadyPublished.selector, second));
        publishAs(ALICE, NAME, d2, 0);
    }

    function test_findsTheDuplicateOfAReleaseFirstInNoList() public {
        uint256 first = publishAs(ALICE, NAME, d1, 0);
        publishAs(ALICE, "docker.io/acme/api:latest", d1, 0);
        vm.prank(ALICE);
        registry.revoke(first, "rebuilt");
        // Neither the name nor d1 is new: this release is anchored in the claim map.
        uint256 third = publishAs(ALICE, NAME, d1, 0);
        vm.expectRevert(abi.encodeWithSelector(IImageRegistry.ImageRegistryAlreadyPublished.selector, third));
        publishAs(ALICE, NAME, d1, 0);
    }

    function test_acceptsTheSameClaimAgainOnceRevoked() public {
        uint256 first = publishAs(ALICE, NAME, d1, d2);
        vm.prank(ALICE);
        registry.revoke(first, "key rotated");
        uint256 second = publishAs(ALICE, NAME, d1, d2);
        assertEq(second, releaseId(1, 1), "republished id");
    }

    function test_acceptsTheSameNameAndDigestsFromAnotherPublisher() public {
        publishAs(ALICE, NAME, d1, d2);
        publishAs(BOB, NAME, d1, d2);
    }

    function test_acceptsTheSameNameWithOtherDigests() public {
        publishAs(ALICE, NAME, d1, d2);
        publishAs(ALICE, NAME, d1, 0);
        publishAs(ALICE, NAME, d2, d1);
    }

    /// @dev A run of publishes and revocations over 2 publishers, 2 names and 3 digests, checked against
    ///      a plain model: a publish is rejected exactly when the same claim has a valid release.
    function testFuzz_rejectsExactlyTheDuplicatesOfValidReleases(uint256[16] memory operations) public {
        bytes32[4] memory digestChoices = [bytes32(0), d1, d2, sha256("d3")];
        uint256[] memory validByClaim = new uint256[](64);
        uint256[] memory claimOfId = new uint256[](16);
        uint256[] memory ids = new uint256[](16);
        uint256 published;
        for (uint256 step; step < operations.length; ++step) {
            uint256 op = operations[step];
            if (op % 4 == 0 && published > 0) {
                uint256 target = (op >> 8) % published;
                uint256 revokedClaim = claimOfId[target];
                if (validByClaim[revokedClaim] == ids[target]) {
                    vm.prank(revokedClaim & 1 == 0 ? ALICE : BOB);
                    registry.revoke(ids[target], "");
                    validByClaim[revokedClaim] = 0;
                }
                continue;
            }
            // claim bits: publisher (1), name (1), imageId choice (2), manifestDigest choice (2)
            uint256 claim = (op >> 16) % 64;
            bytes32 imageId = digestChoices[(claim >> 2) % 4];
            bytes32 manifestDigest = digestChoices[(claim >> 4) % 4];
            if (imageId == 0 && manifestDigest == 0) continue;
            address publisher = claim & 1 == 0 ? ALICE : BOB;
            string memory name = (claim >> 1) & 1 == 0 ? NAME : "docker.io/acme/api:latest";
            if (validByClaim[claim] != 0) {
                vm.expectRevert(
                    abi.encodeWithSelector(IImageRegistry.ImageRegistryAlreadyPublished.selector, validByClaim[claim])
                );
                publishAs(publisher, name, imageId, manifestDigest);
                continue;
            }
            uint256 id = publishAs(publisher, name, imageId, manifestDigest);
            validByClaim[claim] = id;
            claimOfId[published] = claim;
            ids[published++] = id;
        }
    }
}

/// @notice Revocation: only the publisher, only once, and the release stays readable.
contract ImageRegistryRevokeTest is RegistryTestBase {
    uint256 private id;

    function setUp() public override {
        super.setUp();
        id = publishAs(ALICE, NAME, digestOf("config"), digestOf("manifest"));
    }

    function testFuzz_recordsTheRevocationTime(uint32 delay, string memory reason) public {
        uint256 revokedAt = START_TIME + delay % 1_000_000_000;
        vm.warp(revokedAt);
        vm.expectEmit(true, true, true, true, address(registry));
        emit IImageRegistry.Revoked(id, ALICE, reason);
        vm.prank(ALICE);
        registry.revoke(id, reason);
        assertRelease(registry.getRelease(id), id, ALICE, START_TIME, revokedAt, START_BLOCK);
    }

    function test_movesThePublishersNonceOnByOnePerRevocation() public {
        uint256 second = publishAs(ALICE, NAME, digestOf("config 2"), 0);
        assertEq(registry.nonces(ALICE), 0, "nonce before");
        vm.prank(ALICE);
        registry.revoke(id, "");
        assertEq(registry.nonces(ALICE), 1, "nonce after one revocation");
        vm.prank(ALICE);
        registry.revoke(second, "");
        assertEq(registry.nonces(ALICE), 2, "nonce after two revocations");
        assertEq(registry.nonces(BOB), 0, "another publisher's nonce");
    }

    function testFuzz_rejectsAnyoneButThePublisher(address caller) public {
        vm.assume(caller != ALICE);
        vm.expectRevert(abi.encodeWithSelector(IImageRegistry.ImageRegistryNotPublisher.selector, id, caller, ALICE));
        vm.prank(caller);
        registry.revoke(id, "not mine");
    }

    function test_rejectsASecondRevocation() public {
        vm.prank(ALICE);
        registry.revoke(id, "first");
        vm.warp(START_TIME + 1);
        vm.expectRevert(abi.encodeWithSelector(IImageRegistry.ImageRegistryAlreadyRevoked.selector, id, START_TIME));
        vm.prank(ALICE);
        registry.revoke(id, "second");
    }

    function testFuzz_rejectsAnUnknownRelease(uint256 unknownId) public {
        vm.assume(unknownId != id);
        vm.expectRevert(abi.encodeWithSelector(IImageRegistry.ImageRegistryUnknownRelease.selector, unknownId));
        vm.prank(ALICE);
        registry.revoke(unknownId, "");
        vm.expectRevert(abi.encodeWithSelector(IImageRegistry.ImageRegistryUnknownRelease.selector, unknownId));
        registry.getRelease(unknownId);
    }

    function test_latestValidReleaseSkipsRevokedReleases() public {
        uint256 second = publishAs(ALICE, NAME, digestOf("config 2"), 0);
        uint256 third = publishAs(ALICE, NAME, digestOf("config 3"), 0);
        vm.prank(ALICE);
        registry.revoke(third, "broken build");
        (bool found, IImageRegistry.Release memory latest) = registry.latestValidRelease(ALICE, NAME);
        assertTrue(found, "a valid release is found");
        assertEq(latest.id, second, "latest valid");
        vm.prank(ALICE);
        registry.revoke(second, "");
        vm.prank(ALICE);
        registry.revoke(id, "");
        (found, latest) = registry.latestValidRelease(ALICE, NAME);
        assertTrue(!found, "no valid release is found");
        assertRelease(latest, 0, address(0), 0, 0, 0);
    }
}

/// @notice publishBySig: the publisher's EIP-712 signature, sent by anyone, valid while the publisher's nonce
///         is the one it was made for, on one chain and contract.
contract ImageRegistrySignatureTest is RegistryTestBase {
    /// @dev secp256k1n, the order of the curve's group.
    uint256 private constant N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141;
    uint256 private constant KEY = 0xA11CE5;
    address private immutable signer = vm.addr(KEY);
    uint256 private immutable deadline = START_TIME + 1 hours;

    function release(string memory name, bytes32 imageId) private pure returns (IImageRegistry.ReleaseInput memory) {
        return IImageRegistry.ReleaseInput(name, imageId, sha256("manifest"), 0, 0);
    }

    function sign(uint256 key, IImageRegistry.ReleaseInput memory input, uint256 nonce, uint256 until)
        private
        view
        returns (bytes memory)
    {
        return signRelease(key, vm.addr(key), input, nonce, until);
    }

    function testFuzz_publishesForTheSignerWhoeverSendsIt(uint256 key, bytes32 imageId, address relayer) public {
        key = bound(key, 1, N - 1);
        vm.assume(imageId != 0);
        address publisher = vm.addr(key);
        IImageRegistry.ReleaseInput memory input = release(NAME, imageId);
        bytes memory signature = sign(key, input, 0, deadline);

        vm.expectEmit(true, true, true, true, address(registry));
        emit IImageRegistry.Published(
            releaseId(1, 0), publisher, keccak256(bytes(NAME)), NAME, imageId, input.manifestDigest, 0, 0
        );
        vm.prank(relayer);
        uint256 id = registry.publishBySig(publisher, publisher, input, 0, deadline, signature);
        assertRelease(registry.getRelease(id), releaseId(1, 0), publisher, START_TIME, 0, START_BLOCK);
        // A signature does not use its nonce up: only a revocation or invalidateNonces moves it.
        assertEq(registry.nonces(publisher), 0, "nonce after use");
    }

    function test_acceptsASignatureUntilItsDeadline() public {
        vm.warp(deadline);
        IImageRegistry.ReleaseInput memory input = release(NAME, digestOf("config"));
        registry.publishBySig(signer, signer, input, 0, deadline, sign(KEY, input, 0, deadline));
    }

    function testFuzz_rejectsAnExpiredSignature(uint256 lateBy) public {
        lateBy = bound(lateBy, 1, 10 * 365 days);
        IImageRegistry.ReleaseInput memory input = release(NAME, digestOf("config"));
        bytes memory signature = sign(KEY, input, 0, deadline);
        vm.warp(deadline + lateBy);
        vm.expectRevert(abi.encodeWithSelector(IImageRegistry.ImageRegistryExpiredSignature.selector, deadline));
        registry.publishBySig(signer, signer, input, 0, deadline, signature);
    }

    function test_rejectsAReplayWhileTheReleaseIsValid() public {
        IImageRegistry.ReleaseInput memory input = release(NAME, digestOf("config"));
        bytes memory signature = sign(KEY, input, 0, deadline);
        uint256 id = registry.publishBySig(signer, signer, input, 0, deadline, signature);
        vm.expectRevert(abi.encodeWithSelector(IImageRegistry.ImageRegistryAlreadyPublished.selector, id));
        registry.publishBySig(signer, signer, input, 0, deadline, signature);
    }

    function test_rejectsAReplayAfterTheReleaseIsRevoked() public {
        IImageRegistry.ReleaseInput memory input = release(NAME, digestOf("config"));
        bytes memory signature = sign(KEY, input, 0, deadline);
        uint256 id = registry.publishBySig(signer, signer, input, 0, deadline, signature);
        vm.prank(signer);
        registry.revoke(id, "withdrawn");
        vm.expectRevert(abi.encodeWithSelector(IImageRegistry.ImageRegistryStaleNonce.selector, 0, 1));
        registry.publishBySig(signer, signer, input, 0, deadline, signature);
    }

    function testFuzz_rejectsASignatureForAnyOtherNonce(uint256 nonce) public {
        vm.assume(nonce != 0);
        IImageRegistry.ReleaseInput memory input = release(NAME, digestOf("config"));
        bytes memory signature = sign(KEY, input, nonce, deadline);
        vm.expectRevert(abi.encodeWithSelector(IImageRegistry.ImageRegistryStaleNonce.selector, nonce, 0));
        registry.publishBySig(signer, signer, input, nonce, deadline, signature);
    }

    function test_rejectsASignatureWhoseNonceWasChanged() public {
        IImageRegistry.ReleaseInput memory input = release(NAME, digestOf("config"));
        bytes memory signature = sign(KEY, input, 0, deadline);
        vm.prank(signer);
        registry.invalidateNonces(1);
        // Submitted with the current nonce, the signature made for nonce 0 recovers to some other key.
        address recovered = recoverFrom(registry.releaseDigest(signer, input, 1, deadline), signature);
        vm.expectRevert(
            abi.encodeWithSelector(IImageRegistry.ImageRegistryInvalidSigner.selector, recovered, signer)
        );
        registry.publishBySig(signer, signer, input, 1, deadline, signature);
    }

    function testFuzz_rejectsASignatureMadeForAnotherChain(uint64 otherChainId) public {
        vm.assume(otherChainId != block.chainid);
        IImageRegistry.ReleaseInput memory input = release(NAME, digestOf("config"));
        uint256 thisChainId = block.chainid;
        vm.chainId(otherChainId);
        bytes memory signature = sign(KEY, input, 0, deadline);
        vm.chainId(thisChainId);
        address recovered = recoverFrom(registry.releaseDigest(signer, input, 0, deadline), signature);
        vm.expectRevert(
            abi.encodeWithSelector(IImageRegistry.ImageRegistryInvalidSigner.selector, recovered, signer)
        );
        registry.publishBySig(signer, signer, input, 0, deadline, signature);
    }

    function test_rejectsASignatureMadeForAnotherRegistry() public {
        IImageRegistry.ReleaseInput memory input = release(NAME, digestOf("config"));
        bytes memory signature = sign(KEY, input, 0, deadline);
        IImageRegistry other = IImageRegistry(address(new ImageRegistryDeployer().deploy()));
        address recovered = recoverFrom(other.releaseDigest(signer, input, 0, deadline), signature);
        vm.expectRevert(
            abi.encodeWithSelector(IImageRegistry.ImageRegistryInvalidSigner.selector, recovered, signer)
        );
        other.publishBySig(signer, signer, input, 0, deadline, signature);
    }

    function test_rejectsASignatureMadeForAnotherPublisher() public {
        // The publisher is part of the message: a key's signature for itself does not publish for ALICE.
        IImageRegistry.ReleaseInput memory input = release(NAME, digestOf("config"));
        bytes memory signature = sign(KEY, input, 0, deadline);
        address recovered = recoverFrom(registry.releaseDigest(ALICE, input, 0, deadline), signature);
        vm.expectRevert(
            abi.encodeWithSelector(IImageRegistry.ImageRegistryInvalidSigner.selector, recovered, signer)
        );
        registry.publishBySig(ALICE, signer, input, 0, deadline, signature);
    }

    function test_rejectsAnotherKeysSignature() public {
        IImageRegistry.ReleaseInput memory input = release(NAME, digestOf("config"));
        bytes memory signature = signRelease(KEY + 1, signer, input, 0, deadline);
        vm.expectRevert(
            abi.encodeWithSelector(IImageRegistry.ImageRegistryInvalidSigner.selector, vm.addr(KEY + 1), signer)
        );
        registry.publishBySig(signer, signer, input, 0, deadline, signature);
    }

    function test_rejectsAKeyThatIsNeitherThePublisherNorItsDelegate() public {
        // The signature is good, the signer is who it says: it just holds no delegation from ALICE.
        IImageRegistry.ReleaseInput memory input = release(NAME, digestOf("config"));
        bytes memory signature = signRelease(KEY, ALICE, input, 0, deadline);
        vm.expectRevert(abi.encodeWithSelector(IImageRegistry.ImageRegistryNotDelegate.selector, ALICE, signer));
        registry.publishBySig(ALICE, signer, input, 0, deadline, signature);
    }

    function testFuzz_rejectsTheMalleatedTwin(bytes32 imageId) public {
        vm.assume(imageId != 0);
        IImageRegistry.ReleaseInput memory input = release(NAME, imageId);
        bytes32 digest = registry.releaseDigest(signer, input, 0, deadline);
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(KEY, digest);
        assertTrue(uint256(s) <= N / 2, "vm.sign gives low-s signatures");
        // (r, n - s) with the other v recovers the same key: ecrecover alone would accept it.
        bytes32 highS = bytes32(N - uint256(s));
        uint8 otherV = v == 27 ? 28 : 27;
        assertEq(ecrecover(digest, otherV, r, highS), signer, "twin recovers");
        vm.expectRevert(abi.encodeWithSelector(IImageRegistry.ImageRegistryInvalidSignatureS.selector, highS));
        registry.publishBySig(signer, signer, input, 0, deadline, abi.encodePacked(r, highS, otherV));
    }

    function testFuzz_rejectsAnyVButTwentySevenAndTwentyEight(uint8 v) public {
        vm.assume(v != 27 && v != 28);
        IImageRegistry.ReleaseInput memory input = release(NAME, digestOf("config"));
        (, bytes32 r, bytes32 s) = vm.sign(KEY, registry.releaseDigest(signer, input, 0, deadline));
        vm.expectRevert(abi.encodeWithSelector(IImageRegistry.ImageRegistryInvalidSignatureV.selector, v));
        registry.publishBySig(signer, signer, input, 0, deadline, abi.encodePacked(r, s, v));
    }

    function testFuzz_rejectsASignatureOfAnyOtherLength(bytes memory signature) public {
        vm.assume(signature.length != 65);
        IImageRegistry.ReleaseInput memory input = release(NAME, digestOf("config"));
        vm.expectRevert(
            abi.encodeWithSelector(IImageRegistry.ImageRegistryInvalidSignatureLength.selector, signature.length)
        );
        registry.publishBySig(signer, signer, input, 0, deadline, signature);
    }

    function test_rejectsASignatureThatRecoversToNobody() public {
        // r = 0 is no point of the curve: ecrecover answers address(0), which must not pass for publisher 0.
        bytes memory signature = abi.encodePacked(bytes32(0), bytes32(uint256(1)), uint8(27));
        IImageRegistry.ReleaseInput memory input = release(NAME, digestOf("config"));
        vm.expectRevert(
            abi.encodeWithSelector(IImageRegistry.ImageRegistryInvalidSigner.selector, address(0), address(0))
        );
        registry.publishBySig(address(0), address(0), input, 0, deadline, signature);
    }

    function test_releaseDigestIsTheEip712TypedDataHash() public view {
        IImageRegistry.ReleaseInput memory input = release(NAME, digestOf("config"));
        bytes32 domainSeparator = keccak256(
            abi.encode(
                keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"),
                keccak256("ImageSeal"),
                keccak256("2"),
                block.chainid,
                address(registry)
            )
        );
        bytes32 structHash = keccak256(
            abi.encode(
                keccak256(
                    "Release(address publisher,string name,bytes32 imageId,bytes32 manifestDigest,bytes32 indexDigest,bytes32 archiveDigest,uint256 nonce,uint256 deadline)"
                ),
                ALICE,
                keccak256(bytes(input.name)),
                input.imageId,
                input.manifestDigest,
                input.indexDigest,
                input.archiveDigest,
                7,
                deadline
            )
        );
        assertEq(registry.DOMAIN_SEPARATOR(), domainSeparator, "domain separator");
        assertEq(
            registry.releaseDigest(ALICE, input, 7, deadline),
            keccak256(abi.encodePacked("\x19\x01", domainSeparator, structHash)),
            "typed-data digest"
        );
    }

    function testFuzz_domainSeparatorFollowsTheChain(uint64 chainId) public {
        vm.chainId(chainId);
        (
            bytes1 fields,
            string memory name,
            string memory version,
            uint256 domainChainId,
            address verifyingContract,
            bytes32 salt,
            uint256[] memory extensions
        ) = registry.eip712Domain();
        assertEq(uint8(fields), 0x0f, "eip712Domain fields");
        assertEq(keccak256(bytes(name)), keccak256("ImageSeal"), "eip712Domain name");
        assertEq(keccak256(bytes(version)), keccak256("2"), "eip712Domain version");
        assertEq(domainChainId, chainId, "eip712Domain chainId");
        assertEq(verifyingContract, address(registry), "eip712Domain verifyingContract");
        assertEq(salt, bytes32(0), "eip712Domain salt");
        assertEq(extensions.length, 0, "eip712Domain extensions");
        bytes32 expected = keccak256(
            abi.encode(
                keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"),
                keccak256(bytes(name)),
                keccak256(bytes(version)),
                chainId,
                verifyingContract
            )
        );
        assertEq(registry.DOMAIN_SEPARATOR(), expected, "domain separator");
    }

    function recoverFrom(bytes32 digest, bytes memory signature) private pure returns (address) {
        bytes32 r;
        bytes32 s;
        (r, s) = abi.decode(signature, (bytes32, bytes32));
        return ecrecover(digest, uint8(signature[64]), r, s);
    }
}

/// @dev Deploys a second registry, at another address, for the cross-contract replay test.
contract ImageRegistryDeployer {
    function deploy() external returns (address) {
        return address(new ImageRegistry());
    }
}

/// @notice The limits a release's packed storage accepts, each refused with its own error.
contract ImageRegistryLimitsTest is RegistryTestBase {
    bytes32 private immutable imageId = sha256("config");

    function testFuzz_rejectsATimestampBeyond32Bits(uint256 timestamp) public {
        timestamp = bound(timestamp, 2 ** 32, 2 ** 64);
        vm.warp(timestamp);
        vm.expectRevert(abi.encodeWithSelector(IImageRegistry.ImageRegistryTimestampOutOfRange.selector, timestamp));
        registry.publish(NAME, imageId, 0, 0, 0);
    }

    function test_acceptsTheLast32BitTimestampAndBlock() public {
        vm.warp(2 ** 32 - 1);
        vm.roll(2 ** 32 - 1);
        uint256 id = registry.publish(NAME, imageId, 0, 0, 0);
        assertRelease(registry.getRelease(id), id, address(this), 2 ** 32 - 1, 0, 2 ** 32 - 1);
    }

    function test_rejectsTimestampZero() public {
        vm.warp(0);
        vm.expectRevert(abi.encodeWithSelector(IImageRegistry.ImageRegistryTimestampOutOfRange.selector, 0));
        registry.publish(NAME, imageId, 0, 0, 0);
    }

    function test_rejectsARevocationBeyond32BitTime() public {
        uint256 id = registry.publish(NAME, imageId, 0, 0, 0);
        vm.warp(2 ** 32);
        vm.expectRevert(abi.encodeWithSelector(IImageRegistry.ImageRegistryTimestampOutOfRange.selector, 2 ** 32));
        registry.revoke(id, "");
    }

    function testFuzz_rejectsABlockNumberBeyond32Bits(uint256 blockNumber) public {
        blockNumber = bound(blockNumber, 2 ** 32, 2 ** 64);
        vm.roll(blockNumber);
        vm.expectRevert(
            abi.encodeWithSelector(IImageRegistry.ImageRegistryBlockNumberOutOfRange.selector, blockNumber)
        );
        registry.publish(NAME, imageId, 0, 0, 0);
    }

    function test_rejectsAPublisherPastTheLastNumber() public {
        vm.store(address(registry), bytes32(NEXT_PUBLISHER_NUMBER_SLOT), bytes32(uint256(type(uint32).max)));
        vm.expectRevert(abi.encodeWithSelector(IImageRegistry.ImageRegistryTooManyPublishers.selector, ALICE));
        publishAs(ALICE, NAME, imageId, 0);
    }

    function test_rejectsAReleasePastAPublishersLastSequence() public {
        publishAs(ALICE, NAME, imageId, 0);
        bytes32 accountSlot = mappingSlot(bytes32(uint256(uint160(ALICE))), ACCOUNTS_SLOT);
        // number 1, releaseCount 2^32 - 1
        vm.store(address(registry), accountSlot, bytes32((uint256(type(uint32).max) << 32) | 1));
        bytes32 otherImageId = sha256("other config");
        vm.expectRevert(abi.encodeWithSelector(IImageRegistry.ImageRegistryTooManyReleases.selector, ALICE));
        publishAs(ALICE, NAME, otherImageId, 0);
    }

    function test_rejectsAReleasePastADigestsLastEntry() public {
        publishAs(ALICE, NAME, imageId, 0);
        bytes32 headSlot = mappingSlot(imageId, DIGEST_HEADS_SLOT);
        uint256 head = storedWord(headSlot);
        vm.store(address(registry), headSlot, bytes32((head >> 32 << 32) | type(uint32).max));
        vm.expectRevert(
            abi.encodeWithSelector(IImageRegistry.ImageRegistryTooManyReleasesForDigest.selector, imageId)
        );
        publishAs(BOB, NAME, imageId, 0);
    }

    /// @dev Pins the packed words the README documents, so a change to them is a deliberate one.
    function test_packsEachWordAsDocumented() public {
        bytes32 manifestDigest = sha256("manifest");
        uint256 id = publishAs(ALICE, NAME, imageId, manifestDigest);
        bytes32 nameKey = keccak256(abi.encode(ALICE, keccak256(bytes(NAME))));
        uint256 claimKey = uint256(keccak256(abi.encode(nameKey, imageId, manifestDigest, bytes32(0), bytes32(0))));

        assertEq(storedWord(bytes32(NEXT_PUBLISHER_NUMBER_SLOT)), 2, "next publisher number");
        // account: number 1 | releaseCount 1 << 32 | nonce 0 << 64
        assertEq(storedWord(mappingSlot(bytes32(uint256(uint160(ALICE))), ACCOUNTS_SLOT)), 1 | (1 << 32), "account");
        // record: publisher | publishedAt << 160 | revokedAt << 192 | blockNumber << 224
        assertEq(
            storedWord(mappingSlot(bytes32(id), RECORDS_SLOT)),
            uint256(uint160(ALICE)) | (START_TIME << 160) | (START_BLOCK << 224),
            "record"
        );
        // digest head: count 1 | id0 << 32 | top 96 bits of the claim key
        assertEq(
            storedWord(mappingSlot(imageId, DIGEST_HEADS_SLOT)),
            1 | (id << 32) | (claimKey >> 160 << 160),
            "digest list head"
        );
        // name head: count 1 | sequence0 (0) << 32 | top 128 bits of the claim key
        assertEq(storedWord(mappingSlot(nameKey, NAME_HEADS_SLOT)), 1 | (claimKey >> 128 << 128), "name list head");
    }
}

/// @notice The lookups: every list newest first, pages that are slices of it, heads and tails alike.
contract ImageRegistryListsTest is RegistryTestBase {
    bytes32 private immutable indexDigest = sha256("index");

    /// @dev `count` platform releases of one multi-platform image: same name, same index, own digests.
    function publishPlatforms(uint256 count) private returns (uint256[] memory newestFirst) {
        newestFirst = new uint256[](count);
        for (uint256 i; i < count; ++i) {
            bytes32 imageId = digestOf(string.concat("config ", vm.toString(i)));
            vm.prank(ALICE);
            newestFirst[count - 1 - i] = registry.publish(NAME, imageId, 0, indexDigest, 0);
        }
    }

    function testFuzz_listsEveryReleaseNewestFirst(uint8 count) public {
        count = uint8(bound(count, 1, 40));
        uint256[] memory expected = publishPlatforms(count);
        (IImageRegistry.Release[] memory byDigest, uint256 digestTotal) =
            registry.releasesByDigest(indexDigest, 0, type(uint256).max);
        (IImageRegistry.Release[] memory byName, uint256 nameTotal) =
            registry.releasesByName(ALICE, NAME, 0, type(uint256).max);
        (IImageRegistry.Release[] memory byPublisher, uint256 publisherTotal) =
            registry.releasesByPublisher(ALICE, 0, type(uint256).max);
        assertEq(digestTotal, count, "total by digest");
        assertEq(nameTotal, count, "total by name");
        assertEq(publisherTotal, count, "total by publisher");
        assertIds(byDigest, expected, "by digest");
        assertIds(byName, expected, "by name");
        assertIds(byPublisher, expected, "by publisher");
        (bool found, IImageRegistry.Release memory latest) = registry.latestValidRelease(ALICE, NAME);
        assertTrue(found, "latest valid found");
        assertEq(latest.id, expected[0], "latest valid");
    }

    function testFuzz_pagesAreSlicesOfTheList(uint8 count, uint256 offset, uint256 limit) public {
        count = uint8(bound(count, 1, 30));
        offset = bound(offset, 0, 40);
        limit = bound(limit, 0, 40);
        uint256[] memory all = publishPlatforms(count);
        uint256 length = offset >= count ? 0 : (limit < count - offset ? limit : count - offset);
        uint256[] memory expected = new uint256[](length);
        for (uint256 i; i < length; ++i) {
            expected[i] = all[offset + i];
        }
        (IImageRegistry.Release[] memory byDigest, uint256 total) =
            registry.releasesByDigest(indexDigest, offset, limit);
        assertEq(total, count, "total");
        assertIds(byDigest, expected, "page by digest");
        (IImageRegistry.Release[] memory byName,) = registry.releasesByName(ALICE, NAME, offset, limit);
        assertIds(byName, expected, "page by name");
        (IImageRegistry.Release[] memory byPublisher,) = registry.releasesByPublisher(ALICE, offset, limit);
        assertIds(byPublisher, expected, "page by publisher");
    }

    function test_returnsEmptyPagesForUnknownKeys() public view {
        (IImageRegistry.Release[] memory releases, uint256 total) = registry.releasesByDigest(indexDigest, 0, 10);
        assertEq(releases.length + total, 0, "by digest");
        (releases, total) = registry.releasesByName(ALICE, NAME, 0, 10);
        assertEq(releases.length + total, 0, "by name");
        (releases, total) = registry.releasesByPublisher(ALICE, 0, 10);
        assertEq(releases.length + total, 0, "by publisher");
        (bool found,) = registry.latestValidRelease(ALICE, NAME);
        assertTrue(!found, "latest valid of an unknown name");
    }

    function test_keepsPublishersListsApart() public {
        uint256 alices = publishAs(ALICE, NAME, indexDigest, 0);
        uint256 bobs = publishAs(BOB, NAME, indexDigest, 0);
        (IImageRegistry.Release[] memory releases,) = registry.releasesByName(ALICE, NAME, 0, 10);
        assertEq(releases.length, 1, "alice's releases under the name");
        assertEq(releases[0].id, alices, "alice's release");
        (releases,) = registry.releasesByPublisher(BOB, 0, 10);
        assertEq(releases[0].id, bobs, "bob's release");
        (releases,) = registry.releasesByDigest(indexDigest, 0, 10);
        assertEq(releases.length, 2, "everyone's releases naming the digest");
    }
}
