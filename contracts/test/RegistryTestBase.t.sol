// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {ImageRegistry} from "../ImageRegistry.sol";
import {IImageRegistry} from "../IImageRegistry.sol";
import {vm} from "./Vm.t.sol";

/// @title What every ImageRegistry Solidity test starts from
/// @notice A fresh registry at a fixed time and height, a few publishers, and assertions that name
///         what differed. No forge-std here, so the assertions are our own.
abstract contract RegistryTestBase {
    ImageRegistry internal registry;

    address internal constant ALICE = address(0xA11CE);
    address internal constant BOB = address(0xB0B);
    uint256 internal constant START_TIME = 1_700_000_000;
    uint256 internal constant START_BLOCK = 1_000;
    string internal constant NAME = "docker.io/acme/api:1.4.2";

    /// @dev The storage slots of ImageRegistry's state variables, in declaration order (the ones tests
    ///      read or write; the others are noted so a reordering shows here).
    uint256 internal constant NEXT_PUBLISHER_NUMBER_SLOT = 0;
    uint256 internal constant ACCOUNTS_SLOT = 1;
    uint256 internal constant RECORDS_SLOT = 2;
    uint256 internal constant DIGEST_HEADS_SLOT = 3;
    // 4: _digestTails
    uint256 internal constant NAME_HEADS_SLOT = 5;
    // 6: _nameTails, 7: _latestIdByClaim
    uint256 internal constant PUBLISHER_DIGEST_HEADS_SLOT = 8;
    uint256 internal constant PUBLISHER_DIGEST_TAILS_SLOT = 9;
    uint256 internal constant SIGNERS_SLOT = 10;
    uint256 internal constant DELEGATIONS_SLOT = 11;
    uint256 internal constant CLAIMS_SLOT = 12;

    function setUp() public virtual {
        vm.warp(START_TIME);
        vm.roll(START_BLOCK);
        registry = new ImageRegistry();
    }

    /*//////////////////////////////////////////////////////////////
                                ARRANGE
    //////////////////////////////////////////////////////////////*/

    function digestOf(string memory label) internal pure returns (bytes32) {
        return sha256(bytes(label));
    }

    function publishAs(address publisher, string memory name, bytes32 imageId, bytes32 manifestDigest)
        internal
        returns (uint256 id)
    {
        vm.prank(publisher);
        id = registry.publish(name, imageId, manifestDigest, 0, 0);
    }

    function releaseId(uint256 publisherNumber, uint256 sequence) internal pure returns (uint256) {
        return (publisherNumber << 32) | sequence;
    }

    function mappingSlot(bytes32 key, uint256 slot) internal pure returns (bytes32) {
        return keccak256(abi.encode(key, slot));
    }

    function storedWord(bytes32 slot) internal view returns (uint256) {
        return uint256(vm.load(address(registry), slot));
    }

    /// @dev `value` moved into [min, max] without discarding the fuzz run.
    function bound(uint256 value, uint256 min, uint256 max) internal pure returns (uint256) {
        return min + (value % (max - min + 1));
    }

    /*//////////////////////////////////////////////////////////////
                                ASSERT
    //////////////////////////////////////////////////////////////*/

    function assertEq(uint256 actual, uint256 expected, string memory what) internal pure {
        if (actual != expected) {
            revert(string.concat(what, ": got ", vm.toString(actual), ", expected ", vm.toString(expected)));
        }
    }

    function assertEq(bytes32 actual, bytes32 expected, string memory what) internal pure {
        if (actual != expected) {
            revert(string.concat(what, ": got ", vm.toString(actual), ", expected ", vm.toString(expected)));
        }
    }

    function assertEq(address actual, address expected, string memory what) internal pure {
        if (actual != expected) {
            revert(string.concat(what, ": got ", vm.toString(actual), ", expected ", vm.toString(expected)));
        }
    }

    function assertTrue(bool condition, string memory what) internal pure {
        if (!condition) revert(what);
    }

    function assertFalse(bool condition, string memory what) internal pure {
        if (condition) revert(what);
    }

    /// @dev A release its publisher made itself: no signer, valid exactly while not revoked.
    function assertRelease(
        IImageRegistry.Release memory release,
        uint256 id,
        address publisher,
        uint256 publishedAt,
        uint256 revokedAt,
        uint256 blockNumber
    ) internal pure {
        assertEq(release.id, id, "id");
        assertEq(release.publisher, publisher, "publisher");
        assertEq(release.signer, address(0), "signer");
        assertEq(release.publishedAt, publishedAt, "publishedAt");
        assertEq(release.revokedAt, revokedAt, "revokedAt");
        assertEq(release.blockNumber, blockNumber, "blockNumber");
        assertTrue(release.valid == (publisher != address(0) && revokedAt == 0), "valid");
    }

    /// @dev A release a delegate key made for `publisher`.
    function assertDelegatedRelease(
        IImageRegistry.Release memory release,
        uint256 id,
        address publisher,
        address signer,
        uint256 blockNumber,
        bool valid
    ) internal pure {
        assertEq(release.id, id, "id");
        assertEq(release.publisher, publisher, "publisher");
        assertEq(release.signer, signer, "signer");
        assertEq(release.blockNumber, blockNumber, "blockNumber");
        assertTrue(release.valid == valid, valid ? "expected valid" : "expected not valid");
    }

    /// @dev One release of `publish`'s fields as publishBatch / publishFor / publishBySig take it.
    function inputOf(string memory name, bytes32 imageId, bytes32 manifestDigest)
        internal
        pure
        returns (IImageRegistry.ReleaseInput memory)
    {
        return IImageRegistry.ReleaseInput(name, imageId, manifestDigest, 0, 0);
    }

    function single(IImageRegistry.ReleaseInput memory release)
        internal
        pure
        returns (IImageRegistry.ReleaseInput[] memory releases)
    {
        releases = new IImageRegistry.ReleaseInput[](1);
        releases[0] = release;
    }

    /// @dev A 65-byte (r, s, v) signature of `key` over the digest publishBySig checks.
    function signRelease(
        uint256 key,
        address publisher,
        IImageRegistry.ReleaseInput memory release,
        uint256 nonce,
        uint256 deadline
    ) internal view returns (bytes memory) {
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(key, registry.releaseDigest(publisher, release, nonce, deadline));
        return abi.encodePacked(r, s, v);
    }

    /// @dev The ids of a page, in order.
    function idsOf(IImageRegistry.Release[] memory releases) internal pure returns (uint256[] memory ids) {
        ids = new uint256[](releases.length);
        for (uint256 i; i < releases.length; ++i) {
            ids[i] = releases[i].id;
        }
    }

    function assertIds(IImageRegistry.Release[] memory releases, uint256[] memory expected, string memory what)
        internal
        pure
    {
        assertEq(releases.length, expected.length, string.concat(what, " length"));
        for (uint256 i; i < expected.length; ++i) {
            assertEq(releases[i].id, expected[i], string.concat(what, " entry ", vm.toString(i)));
        }
    }
}
