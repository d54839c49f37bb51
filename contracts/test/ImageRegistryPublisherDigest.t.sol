// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {ImageRegistry} from "../ImageRegistry.sol";
import {IImageRegistry} from "../IImageRegistry.sol";
import {RegistryTestBase} from "./RegistryTestBase.t.sol";
import {vm} from "./Vm.t.sol";

/// @notice releasesByPublisherAndDigest: one publisher's releases naming a digest, newest first, answered
///         from the digest's head and the publisher's own overflow list, so other publishers' releases of
///         the digest (spam) neither change its answer nor its cost.
contract ImageRegistryPublisherDigestTest is RegistryTestBase {
    address private constant CAROL = address(0xCA401);
    uint256 private constant STEPS = 48;
    uint256 private constant DIGESTS = 2;

    bytes32 private immutable digest = sha256("index");

    /*//////////////////////////////////////////////////////////////
                          AGAINST A REFERENCE
    //////////////////////////////////////////////////////////////*/

    struct Reference {
        /// @dev Per digest, the ids naming it in publish order (the global list, oldest first).
        uint256[STEPS][DIGESTS] listed;
        uint256[DIGESTS] lengths;
        /// @dev The publisher of each id's release, by step.
        uint256[STEPS] ids;
        address[STEPS] publishers;
    }

    /// @dev Publishes by three publishers (ALICE most often, so her lists reach their tail words) naming
    ///      two shared digests in random roles, then compares every (publisher, digest) answer and a random
    ///      page of it with the global list filtered by publisher.
    function testFuzz_matchesTheGlobalListFilteredByPublisher(uint256 seed) public {
        Reference memory model;
        bytes32[DIGESTS] memory shared = [sha256("shared 0"), sha256("shared 1")];
        address[3] memory publishers = [ALICE, BOB, CAROL];
        for (uint256 step; step < STEPS; ++step) {
            uint256 random = uint256(keccak256(abi.encode(seed, step)));
            address publisher = publishers[random % 4 == 3 ? 1 + (random >> 2) % 2 : 0];
            bytes32[4] memory digests;
            // Each role: one of the shared digests, or a digest of this release alone, or (but the first) none.
            for (uint256 role; role < 4; ++role) {
                uint256 choice = (random >> (8 + 8 * role)) % 4;
                if (choice < DIGESTS) digests[role] = shared[choice];
                else if (choice == 2 || role == 0) digests[role] = sha256(abi.encode(step, role));
            }
            vm.prank(publisher);
            uint256 id = registry.publish(
                string.concat("docker.io/acme/api:", vm.toString(step)), digests[0], digests[1], digests[2], digests[3]
            );
            model.ids[step] = id;
            model.publishers[step] = publisher;
            for (uint256 d; d < DIGESTS; ++d) {
                if (names(digests, shared[d])) model.listed[d][model.lengths[d]++] = id;
            }
        }
        for (uint256 d; d < DIGESTS; ++d) {
            (IImageRegistry.Release[] memory everyone, uint256 total) =
                registry.releasesByDigest(shared[d], 0, type(uint256).max);
            assertEq(total, model.lengths[d], "releases naming the digest");
            assertIds(everyone, newestFirst(model, d, address(0)), "the digest's list");
            for (uint256 p; p < 3; ++p) {
                uint256 random = uint256(keccak256(abi.encode(seed, "page", d, p)));
                checkPublisher(model, d, shared[d], publishers[p], random);
            }
        }
    }

    function checkPublisher(Reference memory model, uint256 d, bytes32 shared, address publisher, uint256 random)
        private
        view
    {
        uint256[] memory expected = newestFirst(model, d, publisher);
        (IImageRegistry.Release[] memory all, uint256 total) =
            registry.releasesByPublisherAndDigest(publisher, shared, 0, type(uint256).max);
        assertEq(total, expected.length, "the publisher's releases naming the digest");
        assertIds(all, expected, "the publisher's list");
        for (uint256 i; i < all.length; ++i) {
            assertEq(all[i].publisher, publisher, "publisher of a listed release");
        }
        uint256 offset = random % (expected.length + 2);
        uint256 limit = (random >> 16) % (expected.length + 2);
        (IImageRegistry.Release[] memory page, uint256 pageTotal) =
            registry.releasesByPublisherAndDigest(publisher, shared, offset, limit);
        assertEq(pageTotal, expected.length, "total with a page");
        assertIds(page, slice(expected, offset, limit), "a page of the publisher's list");
    }

    function names(bytes32[4] memory digests, bytes32 wanted) private pure returns (bool) {
        for (uint256 role; role < 4; ++role) {
            if (digests[role] == wanted) return true;
        }
        return false;
    }

    /// @dev The digest's list, newest first, of `publisher`'s releases only (every release for address 0).
    function newestFirst(Reference memory model, uint256 d, address publisher)
        private
        pure
        returns (uint256[] memory ids)
    {
        ids = new uint256[](model.lengths[d]);
        uint256 count;
        for (uint256 i = model.lengths[d]; i > 0; --i) {
            uint256 id = model.listed[d][i - 1];
            if (publisher == address(0) || publisherOf(model, id) == publisher) ids[count++] = id;
        }
        assembly ("memory-safe") {
            mstore(ids, count)
        }
    }

    function publisherOf(Reference memory model, uint256 id) private pure returns (address) {
        for (uint256 step; step < STEPS; ++step) {
            if (model.ids[step] == id) return model.publishers[step];
        }
        revert("id not in the reference");
    }

    function slice(uint256[] memory list, uint256 offset, uint256 limit) private pure returns (uint256[] memory out) {
        uint256 length = offset >= list.length ? 0 : (limit < list.length - offset ? limit : list.length - offset);
        out = new uint256[](length);
        for (uint256 i; i < length; ++i) {
            out[i] = list[offset + i];
        }
    }

    /*//////////////////////////////////////////////////////////////
                        THE HEAD / OVERFLOW BOUNDARY
    //////////////////////////////////////////////////////////////*/

    function publishNaming(address publisher, uint256 tag) private returns (uint256) {
        vm.prank(publisher);
        return registry.publish(string.concat("docker.io/acme/api:", vm.toString(tag)), digest, 0, 0, 0);
    }

    function test_answersNothingForAnUnknownPublisherOrAnUnnamedDigest() public {
        (IImageRegistry.Release[] memory releases, uint256 total) =
            registry.releasesByPublisherAndDigest(ALICE, digest, 0, 10);
        assertEq(releases.length + total, 0, "unknown publisher");
        publishNaming(ALICE, 0);
        (releases, total) = registry.releasesByPublisherAndDigest(ALICE, sha256("never named"), 0, 10);
        assertEq(releases.length + total, 0, "known publisher, digest never named");
        (releases, total) = registry.releasesByPublisherAndDigest(BOB, digest, 0, 10);
        assertEq(releases.length + total, 0, "unknown publisher of a named digest");
    }

    function test_joinsTheHeadEntriesAfterTheOverflowList() public {
        // Digest positions: 0 ALICE, 1 BOB (the head), 2 ALICE, 3 BOB, 4 ALICE (overflow lists).
        uint256 a0 = publishNaming(ALICE, 0);
        uint256 b1 = publishNaming(BOB, 1);
        uint256 a2 = publishNaming(ALICE, 2);
        uint256 b3 = publishNaming(BOB, 3);
        uint256 a4 = publishNaming(ALICE, 4);
        uint256[] memory alices = new uint256[](3);
        (alices[0], alices[1], alices[2]) = (a4, a2, a0);
        uint256[] memory bobs = new uint256[](2);
        (bobs[0], bobs[1]) = (b3, b1);
        (IImageRegistry.Release[] memory releases, uint256 total) =
            registry.releasesByPublisherAndDigest(ALICE, digest, 0, 10);
        assertEq(total, 3, "alice's total");
        assertIds(releases, alices, "alice's releases");
        (releases, total) = registry.releasesByPublisherAndDigest(BOB, digest, 0, 10);
        assertEq(total, 2, "bob's total");
        assertIds(releases, bobs, "bob's releases");
        // A page that starts in the overflow list and ends in the head.
        (releases,) = registry.releasesByPublisherAndDigest(ALICE, digest, 1, 2);
        uint256[] memory page = new uint256[](2);
        (page[0], page[1]) = (a2, a0);
        assertIds(releases, page, "alice's page across the boundary");
    }

    function test_listsBothHeadEntriesOfOnePublisherNewestFirst() public {
        uint256 first = publishNaming(ALICE, 0);
        uint256 second = publishNaming(ALICE, 1);
        publishNaming(BOB, 2);
        uint256[] memory expected = new uint256[](2);
        (expected[0], expected[1]) = (second, first);
        (IImageRegistry.Release[] memory releases, uint256 total) =
            registry.releasesByPublisherAndDigest(ALICE, digest, 0, 10);
        assertEq(total, 2, "total");
        assertIds(releases, expected, "alice's releases");
    }

    function test_readsThePublishersTailWordPastSevenOverflowEntries() public {
        // 2 in the digest's head, 7 in the publisher-digest head, 2 in its first tail word.
        uint256 count = 11;
        uint256[] memory expected = new uint256[](count);
        for (uint256 i; i < count; ++i) {
            expected[count - 1 - i] = publishNaming(ALICE, i);
        }
        bytes32 key = keccak256(abi.encode(ALICE, digest, 1));
        // The layout the contract documents: count 9 and sequences 2..8 in the head, 9 and 10 in tail word 0.
        uint256 head = 9;
        for (uint256 k; k < 7; ++k) {
            head |= (2 + k) << (32 + 32 * k);
        }
        assertEq(storedWord(mappingSlot(key, PUBLISHER_DIGEST_HEADS_SLOT)), head, "publisher-digest head");
        uint256 tail = storedWord(keccak256(abi.encode(0, mappingSlot(key, PUBLISHER_DIGEST_TAILS_SLOT))));
        assertEq(tail, 9 | (10 << 32), "tail word 0: sequences 9 and 10");
        (IImageRegistry.Release[] memory releases, uint256 total) =
            registry.releasesByPublisherAndDigest(ALICE, digest, 0, 100);
        assertEq(total, count, "total");
        assertIds(releases, expected, "every release");
        (releases,) = registry.releasesByPublisherAndDigest(ALICE, digest, 1, 3);
        assertIds(releases, slice(expected, 1, 3), "a page inside the overflow list");
    }

    /*//////////////////////////////////////////////////////////////
                                  COST
    //////////////////////////////////////////////////////////////*/

    /// @dev The trusted publisher's releases come first (a multi-platform image: two releases share the index).
    function test_costsTheSameWithNoAndWithFiftyOtherPublishersReleases() public {
        ImageRegistry quiet = registry;
        ImageRegistry spammed = new ImageRegistry();
        for (uint256 i; i < 2; ++i) {
            publishOn(quiet, ALICE, i);
            publishOn(spammed, ALICE, i);
        }
        spam(spammed, 50);
        assertEq(lookupGas(spammed), lookupGas(quiet), "lookup gas with 50 others' releases vs none");
        (, uint256 total) = spammed.releasesByDigest(digest, 0, 0);
        assertEq(total, 52, "releases naming the digest on the spammed registry");
    }

    /// @dev With one trusted release, the digest's head holds one entry or two: the lookup checks both (a
    ///      constant), so 1 and 50 other releases cost the same.
    function test_costsTheSameWithOneAndWithFiftyOtherPublishersReleases() public {
        ImageRegistry few = registry;
        ImageRegistry spammed = new ImageRegistry();
        publishOn(few, ALICE, 0);
        publishOn(spammed, ALICE, 0);
        spam(few, 1);
        spam(spammed, 50);
        assertEq(lookupGas(spammed), lookupGas(few), "lookup gas with 50 others' releases vs 1");
    }

    /// @dev Spam published first fills the digest's head; the trusted release then sits in its own list.
    function test_costsTheSameWhetherTwoOrFiftyReleasesCameFirst() public {
        ImageRegistry few = registry;
        ImageRegistry spammed = new ImageRegistry();
        spam(few, 2);
        spam(spammed, 50);
        publishOn(few, ALICE, 0);
        publishOn(spammed, ALICE, 0);
        assertEq(lookupGas(spammed), lookupGas(few), "lookup gas after 50 others' releases vs 2");
    }

    function publishOn(ImageRegistry target, address publisher, uint256 tag) private {
        string memory name = string.concat("docker.io/acme/api:", vm.toString(tag));
        bytes32 imageId = sha256(abi.encode(publisher, tag));
        vm.prank(publisher);
        target.publish(name, imageId, 0, digest, 0);
    }

    function spam(ImageRegistry target, uint256 count) private {
        for (uint256 i; i < count; ++i) {
            publishOn(target, address(uint160(0x5000 + i)), i);
        }
    }

    function lookupGas(ImageRegistry target) private view returns (uint256) {
        // A frame of its own, so that both measurements start from the same memory (its expansion costs gas).
        return this.measureLookup(target);
    }

    function measureLookup(ImageRegistry target) external view returns (uint256 used) {
        uint256 before = gasleft();
        (IImageRegistry.Release[] memory releases,) = target.releasesByPublisherAndDigest(ALICE, digest, 0, 10);
        used = before - gasleft();
        assertTrue(releases.length > 0, "the trusted publisher's releases are found");
    }
}
