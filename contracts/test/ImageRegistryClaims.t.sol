// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IImageRegistry} from "../IImageRegistry.sol";
import {RegistryTestBase} from "./RegistryTestBase.t.sol";
import {vm} from "./Vm.t.sol";

/// @notice Claims: a publisher lists where it proves control of a repository or a domain, up to 32
///         locations of 1..256 bytes, and withdraws them; nobody else can touch its list.
contract ImageRegistryClaimsTest is RegistryTestBase {
    string private constant REPOSITORY = "oci://ghcr.io/acme/api";
    string private constant DOMAIN = "https://acme.com";
    uint256 private constant MAX_CLAIMS = 32;
    uint256 private constant MAX_LOCATION_BYTES = 256;

    function addAs(address publisher, string memory location) private returns (uint256) {
        vm.prank(publisher);
        return registry.addClaim(location);
    }

    function withdrawAs(address publisher, uint256 index) private {
        vm.prank(publisher);
        registry.withdrawClaim(index);
    }

    function assertClaim(IImageRegistry.Claim memory claim, string memory location, uint256 addedAt, uint256 withdrawnAt)
        private
        pure
    {
        assertEq(keccak256(bytes(claim.location)), keccak256(bytes(location)), string.concat("location ", claim.location));
        assertEq(claim.addedAt, addedAt, "addedAt");
        assertEq(claim.withdrawnAt, withdrawnAt, "withdrawnAt");
    }

    function locationOf(uint256 length) private pure returns (string memory) {
        bytes memory location = new bytes(length);
        for (uint256 i; i < length; ++i) {
            location[i] = "x";
        }
        return string(location);
    }

    /*//////////////////////////////////////////////////////////////
                                ADDING
    //////////////////////////////////////////////////////////////*/

    function test_recordsAClaimWithItsTimeAndEmitsClaimAdded() public {
        vm.expectEmit(true, true, true, true, address(registry));
        emit IImageRegistry.ClaimAdded(ALICE, 0, REPOSITORY);
        assertEq(addAs(ALICE, REPOSITORY), 0, "index");
        IImageRegistry.Claim[] memory claims = registry.claimsOf(ALICE);
        assertEq(claims.length, 1, "claims");
        assertClaim(claims[0], REPOSITORY, START_TIME, 0);
    }

    function test_numbersAPublishersClaimsInTheOrderRecorded() public {
        assertEq(addAs(ALICE, REPOSITORY), 0, "first index");
        vm.warp(START_TIME + 60);
        assertEq(addAs(ALICE, DOMAIN), 1, "second index");
        // The contract does not parse locations: the same one twice is two claims.
        assertEq(addAs(ALICE, REPOSITORY), 2, "third index");
        IImageRegistry.Claim[] memory claims = registry.claimsOf(ALICE);
        assertEq(claims.length, 3, "claims");
        assertClaim(claims[0], REPOSITORY, START_TIME, 0);
        assertClaim(claims[1], DOMAIN, START_TIME + 60, 0);
        assertClaim(claims[2], REPOSITORY, START_TIME + 60, 0);
    }

    function testFuzz_acceptsLocationsOf1To256Bytes(uint256 length) public {
        length = bound(length, 1, MAX_LOCATION_BYTES);
        string memory location = locationOf(length);
        addAs(ALICE, location);
        assertClaim(registry.claimsOf(ALICE)[0], location, START_TIME, 0);
    }

    function testFuzz_rejectsLocationsLongerThan256Bytes(uint256 length) public {
        length = bound(length, MAX_LOCATION_BYTES + 1, 2_000);
        string memory location = locationOf(length);
        vm.expectRevert(abi.encodeWithSelector(IImageRegistry.ImageRegistryClaimLocationInvalid.selector, length));
        addAs(ALICE, location);
    }

    function test_rejectsAnEmptyLocation() public {
        vm.expectRevert(abi.encodeWithSelector(IImageRegistry.ImageRegistryClaimLocationInvalid.selector, 0));
        addAs(ALICE, "");
    }

    function test_rejectsThe33rdClaimWithdrawnOnesIncluded() public {
        for (uint256 i; i < MAX_CLAIMS; ++i) {
            addAs(ALICE, string.concat("https://host-", vm.toString(i), ".example"));
        }
        withdrawAs(ALICE, 0);
        withdrawAs(ALICE, MAX_CLAIMS - 1);
        vm.expectRevert(
            abi.encodeWithSelector(IImageRegistry.ImageRegistryTooManyClaims.selector, ALICE, MAX_CLAIMS)
        );
        addAs(ALICE, REPOSITORY);
        assertEq(registry.claimsOf(ALICE).length, MAX_CLAIMS, "claims");
        // Another publisher's list has its own limit.
        assertEq(addAs(BOB, REPOSITORY), 0, "bob's first index");
    }

    /*//////////////////////////////////////////////////////////////
                              WITHDRAWING
    //////////////////////////////////////////////////////////////*/

    function test_withdrawsAClaimWhichStaysListedWithItsTime() public {
        addAs(ALICE, REPOSITORY);
        addAs(ALICE, DOMAIN);
        vm.warp(START_TIME + 3600);
        vm.expectEmit(true, true, true, true, address(registry));
        emit IImageRegistry.ClaimWithdrawn(ALICE, 0);
        withdrawAs(ALICE, 0);
        IImageRegistry.Claim[] memory claims = registry.claimsOf(ALICE);
        assertClaim(claims[0], REPOSITORY, START_TIME, START_TIME + 3600);
        assertClaim(claims[1], DOMAIN, START_TIME, 0);
    }

    function test_rejectsWithdrawingAClaimTwice() public {
        addAs(ALICE, REPOSITORY);
        withdrawAs(ALICE, 0);
        vm.expectRevert(
            abi.encodeWithSelector(IImageRegistry.ImageRegistryClaimAlreadyWithdrawn.selector, ALICE, 0)
        );
        withdrawAs(ALICE, 0);
    }

    function testFuzz_rejectsWithdrawingAnIndexNotRecorded(uint256 index) public {
        addAs(ALICE, REPOSITORY);
        index = index == 0 ? 1 : index;
        vm.expectRevert(abi.encodeWithSelector(IImageRegistry.ImageRegistryClaimNotFound.selector, ALICE, index));
        withdrawAs(ALICE, index);
    }

    function test_rejectsAClaimBeyond32BitTime() public {
        vm.warp(2 ** 32);
        vm.expectRevert(abi.encodeWithSelector(IImageRegistry.ImageRegistryTimestampOutOfRange.selector, 2 ** 32));
        addAs(ALICE, REPOSITORY);
    }

    function test_rejectsAWithdrawalBeyond32BitTime() public {
        addAs(ALICE, REPOSITORY);
        vm.warp(2 ** 32);
        vm.expectRevert(abi.encodeWithSelector(IImageRegistry.ImageRegistryTimestampOutOfRange.selector, 2 ** 32));
        withdrawAs(ALICE, 0);
    }

    /*//////////////////////////////////////////////////////////////
                           OTHER PUBLISHERS
    //////////////////////////////////////////////////////////////*/

    function test_anotherPublisherCannotWithdrawAClaimItDidNotRecord() public {
        addAs(ALICE, REPOSITORY);
        // Index 0 exists in alice's list, not in bob's: bob's call reads his own list.
        vm.expectRevert(abi.encodeWithSelector(IImageRegistry.ImageRegistryClaimNotFound.selector, BOB, 0));
        withdrawAs(BOB, 0);
        assertClaim(registry.claimsOf(ALICE)[0], REPOSITORY, START_TIME, 0);
    }

    function test_keepsPublishersListsApart() public {
        addAs(ALICE, REPOSITORY);
        addAs(BOB, DOMAIN);
        withdrawAs(BOB, 0);
        IImageRegistry.Claim[] memory alices = registry.claimsOf(ALICE);
        IImageRegistry.Claim[] memory bobs = registry.claimsOf(BOB);
        assertEq(alices.length, 1, "alice's claims");
        assertClaim(alices[0], REPOSITORY, START_TIME, 0);
        assertEq(bobs.length, 1, "bob's claims");
        assertClaim(bobs[0], DOMAIN, START_TIME, START_TIME);
        assertEq(registry.claimsOf(address(0xCA701)).length, 0, "a stranger's claims");
    }

    /// @dev Claims neither touch nor move the release slots 0-11 that offline proofs read.
    function test_storesClaimsAfterTheReleaseSlots() public {
        uint256 id = publishAs(ALICE, NAME, digestOf("config"), 0);
        bytes32 recordSlot = mappingSlot(bytes32(id), RECORDS_SLOT);
        uint256 record = storedWord(recordSlot);
        addAs(ALICE, REPOSITORY);
        assertEq(storedWord(mappingSlot(bytes32(uint256(uint160(ALICE))), CLAIMS_SLOT)), 1, "claim list length");
        assertEq(storedWord(recordSlot), record, "the release record");
        assertEq(storedWord(bytes32(NEXT_PUBLISHER_NUMBER_SLOT)), 2, "next publisher number");
    }

    /*//////////////////////////////////////////////////////////////
                                 MODEL
    //////////////////////////////////////////////////////////////*/

    /// @dev Adds and withdrawals in any order, each checked against a plain list of withdrawal times.
    function testFuzz_agreesWithAListModel(uint256[48] memory operations) public {
        uint256[] memory withdrawnAt = new uint256[](MAX_CLAIMS);
        uint256 count;
        for (uint256 step; step < operations.length; ++step) {
            vm.warp(START_TIME + step);
            uint256 operation = operations[step];
            if (operation % 3 != 0) {
                if (count == MAX_CLAIMS) {
                    vm.expectRevert(
                        abi.encodeWithSelector(IImageRegistry.ImageRegistryTooManyClaims.selector, ALICE, MAX_CLAIMS)
                    );
                    addAs(ALICE, REPOSITORY);
                } else {
                    assertEq(addAs(ALICE, string.concat(REPOSITORY, vm.toString(count))), count, "index");
                    ++count;
                }
                continue;
            }
            uint256 index = (operation >> 8) % (count + 2);
            if (index >= count) {
                vm.expectRevert(
                    abi.encodeWithSelector(IImageRegistry.ImageRegistryClaimNotFound.selector, ALICE, index)
                );
            } else if (withdrawnAt[index] != 0) {
                vm.expectRevert(
                    abi.encodeWithSelector(IImageRegistry.ImageRegistryClaimAlreadyWithdrawn.selector, ALICE, index)
                );
            } else {
                withdrawnAt[index] = START_TIME + step;
            }
            withdrawAs(ALICE, index);
        }
        IImageRegistry.Claim[] memory claims = registry.claimsOf(ALICE);
        assertEq(claims.length, count, "claims");
        for (uint256 i; i < count; ++i) {
            assertEq(claims[i].withdrawnAt, withdrawnAt[i], string.concat("withdrawnAt of ", vm.toString(i)));
        }
    }
}
