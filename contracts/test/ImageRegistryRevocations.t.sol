// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IImageRegistry} from "../IImageRegistry.sol";
import {RegistryTestBase} from "./RegistryTestBase.t.sol";
import {vm} from "./Vm.t.sol";

/// @notice Revocations stick: a signature outstanding when its publisher revokes (or moves its nonce on)
///         can no longer publish, so no old signed file brings revoked content back.
contract ImageRegistryRevocationsTest is RegistryTestBase {
    uint256 private constant PUBLISHER_KEY = 0x5EA1;
    uint256 private constant OTHER_KEY = 0x5EA2;
    address private immutable publisher = vm.addr(PUBLISHER_KEY);
    address private immutable other = vm.addr(OTHER_KEY);
    uint256 private immutable deadline = START_TIME + 3 days;
    bytes32 private immutable imageId = sha256("1.4.2 config");
    bytes32 private immutable manifestDigest = sha256("1.4.2 manifest");

    function releaseR() private view returns (IImageRegistry.ReleaseInput memory) {
        return inputOf(NAME, imageId, manifestDigest);
    }

    /// @dev The issue's sequence: sign R (a gasless file), publish R directly, revoke it, submit the file.
    function test_aSignedReleaseCannotBringBackTheSameReleaseOnceRevoked() public {
        bytes memory signedR = signRelease(PUBLISHER_KEY, publisher, releaseR(), 0, deadline);
        vm.prank(publisher);
        uint256 id = registry.publish(NAME, imageId, manifestDigest, 0, 0);
        vm.warp(START_TIME + 1 hours);
        vm.prank(publisher);
        registry.revoke(id, "built from a compromised base image");

        vm.expectRevert(abi.encodeWithSelector(IImageRegistry.ImageRegistryStaleNonce.selector, 0, 1));
        registry.publishBySig(publisher, publisher, releaseR(), 0, deadline, signedR);

        (bool found, IImageRegistry.Release memory latest) = registry.latestValidRelease(publisher, NAME);
        assertFalse(found, "a valid release of R after its revocation");
        assertRelease(latest, 0, address(0), 0, 0, 0);
        (IImageRegistry.Release[] memory history, uint256 total) = registry.releasesByName(publisher, NAME, 0, 10);
        assertEq(total, 1, "releases of the name");
        assertRelease(history[0], id, publisher, START_TIME, START_TIME + 1 hours, START_BLOCK);
    }

    function test_aSignatureSubmittedBeforeTheRevocationIsRevokedWithIt() public {
        bytes memory signedR = signRelease(PUBLISHER_KEY, publisher, releaseR(), 0, deadline);
        uint256 id = registry.publishBySig(publisher, publisher, releaseR(), 0, deadline, signedR);
        vm.prank(publisher);
        registry.revoke(id, "");
        vm.expectRevert(abi.encodeWithSelector(IImageRegistry.ImageRegistryStaleNonce.selector, 0, 1));
        registry.publishBySig(publisher, publisher, releaseR(), 0, deadline, signedR);
        (bool found,) = registry.latestValidRelease(publisher, NAME);
        assertFalse(found, "a valid release of R after its revocation");
    }

    function test_aReplayWhileTheDirectReleaseIsValidNamesIt() public {
        bytes memory signedR = signRelease(PUBLISHER_KEY, publisher, releaseR(), 0, deadline);
        vm.prank(publisher);
        uint256 id = registry.publish(NAME, imageId, manifestDigest, 0, 0);
        vm.expectRevert(abi.encodeWithSelector(IImageRegistry.ImageRegistryAlreadyPublished.selector, id));
        registry.publishBySig(publisher, publisher, releaseR(), 0, deadline, signedR);
    }

    function test_revokingCancelsEverySignatureOfThePublisherOnly() public {
        IImageRegistry.ReleaseInput memory unrelated = inputOf("docker.io/acme/web:2.0", sha256("web config"), 0);
        bytes memory signedUnrelated = signRelease(PUBLISHER_KEY, publisher, unrelated, 0, deadline);
        bytes memory othersSignature = signRelease(OTHER_KEY, other, releaseR(), 0, deadline);
        uint256 id = publishAs(publisher, NAME, imageId, manifestDigest);
        vm.prank(publisher);
        registry.revoke(id, "");
        // Every outstanding signature of the publisher, whatever it names, is void now …
        vm.expectRevert(abi.encodeWithSelector(IImageRegistry.ImageRegistryStaleNonce.selector, 0, 1));
        registry.publishBySig(publisher, publisher, unrelated, 0, deadline, signedUnrelated);
        // … and another publisher's are not touched.
        uint256 othersId = registry.publishBySig(other, other, releaseR(), 0, deadline, othersSignature);
        assertRelease(registry.getRelease(othersId), releaseId(2, 0), other, START_TIME, 0, START_BLOCK);
    }

    function test_invalidateNoncesCancelsAnOutstandingSignature() public {
        bytes memory signedR = signRelease(PUBLISHER_KEY, publisher, releaseR(), 0, deadline);
        vm.expectEmit(true, true, true, true, address(registry));
        emit IImageRegistry.NoncesInvalidated(publisher, 5);
        vm.prank(publisher);
        registry.invalidateNonces(5);
        assertEq(registry.nonces(publisher), 5, "nonce");

        vm.expectRevert(abi.encodeWithSelector(IImageRegistry.ImageRegistryStaleNonce.selector, 0, 5));
        registry.publishBySig(publisher, publisher, releaseR(), 0, deadline, signedR);
        // A signature made for the new nonce publishes.
        bytes memory resigned = signRelease(PUBLISHER_KEY, publisher, releaseR(), 5, deadline);
        uint256 id = registry.publishBySig(publisher, publisher, releaseR(), 5, deadline, resigned);
        assertRelease(registry.getRelease(id), releaseId(1, 0), publisher, START_TIME, 0, START_BLOCK);
    }

    function test_invalidateNoncesKeepsTheReleaseCountAndNumber() public {
        publishAs(publisher, NAME, imageId, manifestDigest);
        vm.prank(publisher);
        registry.invalidateNonces(7);
        bytes32 accountSlot = mappingSlot(bytes32(uint256(uint160(publisher))), ACCOUNTS_SLOT);
        // number 1 | releaseCount 1 << 32 | nonce 7 << 64
        assertEq(storedWord(accountSlot), 1 | (1 << 32) | (7 << 64), "account");
        assertEq(publishAs(publisher, NAME, sha256("1.4.3 config"), 0), releaseId(1, 1), "next id");
    }

    function testFuzz_invalidateNoncesMovesOnlyForwardAndBelow2To128(uint256 first, uint256 second) public {
        first = bound(first, 1, 2 ** 128 - 1);
        vm.prank(publisher);
        registry.invalidateNonces(first);
        assertEq(registry.nonces(publisher), first, "nonce after the first move");
        uint256 expected = second > first && second < 2 ** 128 ? second : first;
        if (expected == first) {
            vm.expectRevert(abi.encodeWithSelector(IImageRegistry.ImageRegistryInvalidNonce.selector, first, second));
        }
        vm.prank(publisher);
        registry.invalidateNonces(second);
        assertEq(registry.nonces(publisher), expected, "nonce after the second move");
    }

    function test_invalidateNoncesRejectsTheCurrentNonce() public {
        vm.expectRevert(abi.encodeWithSelector(IImageRegistry.ImageRegistryInvalidNonce.selector, 0, 0));
        vm.prank(publisher);
        registry.invalidateNonces(0);
    }

    function test_aPublisherAtTheHighestNonceCanStillRevoke() public {
        uint256 id = publishAs(publisher, NAME, imageId, manifestDigest);
        vm.prank(publisher);
        registry.invalidateNonces(2 ** 128 - 1);
        vm.prank(publisher);
        registry.revoke(id, "");
        assertEq(registry.nonces(publisher), 2 ** 128, "nonce after the revocation");
        vm.expectRevert(
            abi.encodeWithSelector(IImageRegistry.ImageRegistryInvalidNonce.selector, 2 ** 128, 2 ** 128 + 1)
        );
        vm.prank(publisher);
        registry.invalidateNonces(2 ** 128 + 1);
    }
}
