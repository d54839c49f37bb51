// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IImageRegistry} from "../IImageRegistry.sol";
import {MultisigWallet} from "./MultisigWallet.sol";
import {RegistryTestBase} from "./RegistryTestBase.t.sol";
import {vm} from "./Vm.t.sol";

/// @notice An organisation's 2-of-3 multisig wallet (EIP-1271) as a publisher: it publishes through
///         publishBySig with its owners' signatures, and acts on the registry (revoke, delegates, nonces)
///         through calls its owners approve.
contract ImageRegistryMultisigTest is RegistryTestBase {
    /// @dev Owner keys in ascending order of their addresses (checked in setUp), so index order is signing order.
    uint256[3] private ownerKeys;
    uint256 private constant STRANGER_KEY = 0x57A4;
    uint256 private constant CI_KEY = 0xC1C1;
    bytes4 private constant MAGIC = 0x1626ba7e;
    uint256 private constant N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141;

    MultisigWallet private wallet;
    /// @dev The same owners and threshold at another address.
    MultisigWallet private twin;
    uint256 private immutable deadline = START_TIME + 1 days;
    bytes32 private immutable imageId = sha256("1.4.2 config");

    function setUp() public override {
        super.setUp();
        uint256[3] memory keys = [uint256(0x0A1), uint256(0x0A2), uint256(0x0A3)];
        // Sort by address: the wallet takes signatures in ascending signer order.
        for (uint256 i; i < 3; ++i) {
            for (uint256 j = i + 1; j < 3; ++j) {
                if (vm.addr(keys[j]) < vm.addr(keys[i])) (keys[i], keys[j]) = (keys[j], keys[i]);
            }
        }
        ownerKeys = keys;
        address[] memory addresses = new address[](3);
        for (uint256 i; i < 3; ++i) {
            addresses[i] = vm.addr(keys[i]);
        }
        wallet = new MultisigWallet(addresses, 2);
        twin = new MultisigWallet(addresses, 2);
    }

    function release() private view returns (IImageRegistry.ReleaseInput memory) {
        return inputOf(NAME, imageId, 0);
    }

    function ownerSignature(uint256 key, MultisigWallet account, bytes32 hash) private view returns (bytes memory) {
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(key, account.messageHash(hash));
        return abi.encodePacked(r, s, v);
    }

    /// @dev The wallet's signature of `hash` by the owners at `indexes` (into `ownerKeys`), in that order.
    function signedBy(MultisigWallet account, bytes32 hash, uint256[] memory indexes)
        private
        view
        returns (bytes memory signatures)
    {
        for (uint256 i; i < indexes.length; ++i) {
            signatures = bytes.concat(signatures, ownerSignature(ownerKeys[indexes[i]], account, hash));
        }
    }

    function owners(uint256 first, uint256 second) private pure returns (uint256[] memory indexes) {
        indexes = new uint256[](2);
        (indexes[0], indexes[1]) = (first, second);
    }

    function releaseHash(address publisher) private view returns (bytes32) {
        return registry.releaseDigest(publisher, release(), 0, deadline);
    }

    /// @dev Has the wallet call the registry with `data`, approved by owners 0 and 2.
    function execute(bytes memory data) private returns (bytes memory) {
        bytes32 approval = wallet.executeHash(address(registry), data, wallet.nonce());
        bytes memory signatures;
        for (uint256 i; i < 3; i += 2) {
            (uint8 v, bytes32 r, bytes32 s) = vm.sign(ownerKeys[i], approval);
            signatures = bytes.concat(signatures, abi.encodePacked(r, s, v));
        }
        return wallet.execute(address(registry), data, signatures);
    }

    function expectInvalidWalletSignature(address account, bytes memory signatures) private {
        IImageRegistry.ReleaseInput memory input = release();
        vm.expectRevert(
            abi.encodeWithSelector(IImageRegistry.ImageRegistryInvalidContractSignature.selector, account)
        );
        registry.publishBySig(account, account, input, 0, deadline, signatures);
    }

    /*//////////////////////////////////////////////////////////////
                           PUBLISHING BY SIGNATURE
    //////////////////////////////////////////////////////////////*/

    function test_aTwoOfThreeWalletPublishesWithTwoOwnersSignatures() public {
        bytes memory signatures = signedBy(wallet, releaseHash(address(wallet)), owners(0, 1));
        vm.expectEmit(true, true, true, true, address(registry));
        emit IImageRegistry.Published(releaseId(1, 0), address(wallet), keccak256(bytes(NAME)), NAME, imageId, 0, 0, 0);
        vm.prank(BOB);
        uint256 id = registry.publishBySig(address(wallet), address(wallet), release(), 0, deadline, signatures);
        assertRelease(registry.getRelease(id), releaseId(1, 0), address(wallet), START_TIME, 0, START_BLOCK);
    }

    /// @dev An EIP-7702 account has code (its delegation designator) and still its own key: its plain
    ///      ECDSA signature counts, whatever its code answers to isValidSignature.
    function test_anAccountWithCodeAndAKeyPublishesWithItsKeysSignature() public {
        uint256 key = 0x7702;
        address account = vm.addr(key);
        vm.etch(account, abi.encodePacked(hex"ef0100", address(wallet)));
        bytes memory signature = signRelease(key, account, release(), 0, deadline);
        vm.prank(BOB);
        uint256 id = registry.publishBySig(account, account, release(), 0, deadline, signature);
        assertRelease(registry.getRelease(id), releaseId(1, 0), account, START_TIME, 0, START_BLOCK);
    }

    /// @dev Another key's signature for such an account still goes to its code, which refuses it.
    function test_anAccountWithCodeRefusesAnotherKeysSignature() public {
        address account = vm.addr(0x7702);
        vm.etch(account, address(wallet).code);
        bytes memory signature = signRelease(STRANGER_KEY, account, release(), 0, deadline);
        expectInvalidWalletSignature(account, signature);
    }

    /// @dev A 65-byte signature that is no key's (high s, or v not 27/28) is not taken as the account's key's:
    ///      the account's code is asked, and refuses it.
    function test_anAccountWithCodeAsksItsCodeAboutAMalformedKeySignature() public {
        uint256 key = 0x7702;
        address account = vm.addr(key);
        vm.etch(account, address(wallet).code);
        bytes memory signature = signRelease(key, account, release(), 0, deadline);
        bytes memory badV = bytes.concat(signature);
        badV[64] = bytes1(uint8(29));
        expectInvalidWalletSignature(account, badV);
        bytes memory highS = bytes.concat(signature);
        uint256 s;
        assembly {
            s := mload(add(highS, 64))
        }
        s = N - s;
        assembly {
            mstore(add(highS, 64), s)
        }
        highS[64] = bytes1(uint8(highS[64]) == 27 ? 28 : 27);
        expectInvalidWalletSignature(account, highS);
    }

    function test_anyTwoOwnersAndAllThreeAreEnough() public {
        bytes32 hash = releaseHash(address(wallet));
        assertTrue(wallet.isValidSignature(hash, signedBy(wallet, hash, owners(0, 2))) == MAGIC, "owners 0 and 2");
        assertTrue(wallet.isValidSignature(hash, signedBy(wallet, hash, owners(1, 2))) == MAGIC, "owners 1 and 2");
        uint256[] memory all = new uint256[](3);
        (all[0], all[1], all[2]) = (0, 1, 2);
        bytes memory signatures = signedBy(wallet, hash, all);
        registry.publishBySig(address(wallet), address(wallet), release(), 0, deadline, signatures);
    }

    function test_rejectsASingleOwnersSignature() public {
        uint256[] memory one = new uint256[](1);
        bytes memory signatures = signedBy(wallet, releaseHash(address(wallet)), one);
        expectInvalidWalletSignature(address(wallet), signatures);
    }

    function test_rejectsOneOwnerSigningTwice() public {
        bytes memory signatures = signedBy(wallet, releaseHash(address(wallet)), owners(1, 1));
        expectInvalidWalletSignature(address(wallet), signatures);
    }

    function test_rejectsOwnersOutOfAscendingOrder() public {
        bytes memory signatures = signedBy(wallet, releaseHash(address(wallet)), owners(1, 0));
        expectInvalidWalletSignature(address(wallet), signatures);
    }

    function test_rejectsAStrangerSigningForASecondOwner() public {
        bytes32 hash = releaseHash(address(wallet));
        bytes memory owner = ownerSignature(ownerKeys[0], wallet, hash);
        bytes memory stranger = ownerSignature(STRANGER_KEY, wallet, hash);
        bytes memory signatures = vm.addr(STRANGER_KEY) < vm.addr(ownerKeys[0])
            ? bytes.concat(stranger, owner)
            : bytes.concat(owner, stranger);
        expectInvalidWalletSignature(address(wallet), signatures);
    }

    function test_rejectsOwnersSignaturesOfAnotherRelease() public {
        IImageRegistry.ReleaseInput memory other = inputOf(NAME, sha256("other config"), 0);
        bytes32 otherHash = registry.releaseDigest(address(wallet), other, 0, deadline);
        bytes memory signatures = signedBy(wallet, otherHash, owners(0, 1));
        expectInvalidWalletSignature(address(wallet), signatures);
    }

    function test_rejectsOwnersSignaturesOfTheRawDigestInsteadOfTheWalletMessage() public {
        // Signing the registry's digest itself, not the wallet's wrapping of it, is not the wallet's approval.
        bytes32 hash = releaseHash(address(wallet));
        bytes memory signatures;
        for (uint256 i; i < 2; ++i) {
            (uint8 v, bytes32 r, bytes32 s) = vm.sign(ownerKeys[i], hash);
            signatures = bytes.concat(signatures, abi.encodePacked(r, s, v));
        }
        expectInvalidWalletSignature(address(wallet), signatures);
    }

    function test_aSignatureForOneWalletDoesNotWorkForAnotherWithTheSameOwners() public {
        // The twin's release digest, approved by the owners through the first wallet's message.
        bytes32 twinsHash = releaseHash(address(twin));
        bytes memory viaWallet = signedBy(wallet, twinsHash, owners(0, 1));
        assertTrue(wallet.isValidSignature(twinsHash, viaWallet) == MAGIC, "valid for the wallet it was made for");
        assertTrue(twin.isValidSignature(twinsHash, viaWallet) == 0xffffffff, "refused by the twin");
        expectInvalidWalletSignature(address(twin), viaWallet);
        // And the wallet's own release signature names the wallet as publisher: it cannot publish for the twin.
        bytes memory walletsOwn = signedBy(wallet, releaseHash(address(wallet)), owners(0, 1));
        expectInvalidWalletSignature(address(twin), walletsOwn);
    }

    function test_refusesMalformedSignatures() public view {
        bytes32 hash = releaseHash(address(wallet));
        bytes memory good = signedBy(wallet, hash, owners(0, 1));
        assertTrue(wallet.isValidSignature(hash, bytes.concat(good, hex"00")) == 0xffffffff, "not a multiple of 65");
        assertTrue(wallet.isValidSignature(hash, "") == 0xffffffff, "empty");
        // The first owner's signature with v = 29, then its malleated twin (high s).
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(ownerKeys[0], wallet.messageHash(hash));
        bytes memory second = ownerSignature(ownerKeys[1], wallet, hash);
        bytes memory badV = bytes.concat(abi.encodePacked(r, s, uint8(29)), second);
        bytes memory highS = bytes.concat(abi.encodePacked(r, bytes32(N - uint256(s)), v == 27 ? 28 : 27), second);
        assertTrue(wallet.isValidSignature(hash, badV) == 0xffffffff, "v = 29");
        assertTrue(wallet.isValidSignature(hash, highS) == 0xffffffff, "high s");
    }

    function test_rejectsAContractSignerWithoutIsValidSignature() public {
        // The registry itself has code and no isValidSignature: the call reverts, the signature is refused.
        expectInvalidWalletSignature(address(registry), hex"01");
    }

    function test_aWalletsReleaseReplayedWhileValidIsAlreadyPublished() public {
        bytes memory signatures = signedBy(wallet, releaseHash(address(wallet)), owners(0, 1));
        uint256 id = registry.publishBySig(address(wallet), address(wallet), release(), 0, deadline, signatures);
        IImageRegistry.ReleaseInput memory input = release();
        vm.expectRevert(abi.encodeWithSelector(IImageRegistry.ImageRegistryAlreadyPublished.selector, id));
        registry.publishBySig(address(wallet), address(wallet), input, 0, deadline, signatures);
    }

    /*//////////////////////////////////////////////////////////////
                          THE WALLET'S OWN CALLS
    //////////////////////////////////////////////////////////////*/

    function test_theWalletRevokesItsReleaseAndItsSignaturesWithIt() public {
        bytes memory signatures = signedBy(wallet, releaseHash(address(wallet)), owners(0, 1));
        uint256 id = registry.publishBySig(address(wallet), address(wallet), release(), 0, deadline, signatures);
        vm.warp(START_TIME + 1 hours);
        vm.expectEmit(true, true, true, true, address(registry));
        emit IImageRegistry.Revoked(id, address(wallet), "compromised base image");
        execute(abi.encodeCall(IImageRegistry.revoke, (id, "compromised base image")));
        assertRelease(registry.getRelease(id), id, address(wallet), START_TIME, START_TIME + 1 hours, START_BLOCK);
        assertEq(registry.nonces(address(wallet)), 1, "wallet's nonce");
        IImageRegistry.ReleaseInput memory input = release();
        vm.expectRevert(abi.encodeWithSelector(IImageRegistry.ImageRegistryStaleNonce.selector, 0, 1));
        registry.publishBySig(address(wallet), address(wallet), input, 0, deadline, signatures);
    }

    function test_theWalletAuthorisesACiKeyThatPublishesForIt() public {
        address ci = vm.addr(CI_KEY);
        uint64 until = uint64(START_TIME + 30 days);
        execute(abi.encodeCall(IImageRegistry.authorizeDelegate, (ci, "docker.io/acme/", until)));
        IImageRegistry.Delegation memory grant = registry.delegation(address(wallet), ci);
        assertTrue(grant.active, "delegation active");
        assertEq(grant.expiresAt, until, "expiresAt");

        // The CI key signs; anyone submits; the release is the wallet's, signed by the key.
        bytes memory signature = signRelease(CI_KEY, address(wallet), release(), 0, deadline);
        uint256 id = registry.publishBySig(address(wallet), ci, release(), 0, deadline, signature);
        assertDelegatedRelease(registry.getRelease(id), releaseId(1, 0), address(wallet), ci, START_BLOCK, true);

        vm.roll(START_BLOCK + 1);
        execute(abi.encodeCall(IImageRegistry.revokeDelegate, (ci)));
        assertDelegatedRelease(registry.getRelease(id), id, address(wallet), ci, START_BLOCK, false);
    }

    function test_theWalletInvalidatesItsOutstandingSignatures() public {
        bytes memory signatures = signedBy(wallet, releaseHash(address(wallet)), owners(0, 1));
        execute(abi.encodeCall(IImageRegistry.invalidateNonces, (3)));
        assertEq(registry.nonces(address(wallet)), 3, "wallet's nonce");
        IImageRegistry.ReleaseInput memory input = release();
        vm.expectRevert(abi.encodeWithSelector(IImageRegistry.ImageRegistryStaleNonce.selector, 0, 3));
        registry.publishBySig(address(wallet), address(wallet), input, 0, deadline, signatures);
    }

    function test_aWalletAsDelegateSignsForAnEoaPublisher() public {
        vm.prank(ALICE);
        registry.authorizeDelegate(address(wallet), "", uint64(START_TIME + 1 days));
        bytes memory signatures = signedBy(wallet, releaseHash(ALICE), owners(1, 2));
        uint256 id = registry.publishBySig(ALICE, address(wallet), release(), 0, deadline, signatures);
        assertDelegatedRelease(registry.getRelease(id), releaseId(1, 0), ALICE, address(wallet), START_BLOCK, true);
    }

    function test_executeRejectsTooFewApprovalsAndAReplayedOne() public {
        bytes memory data = abi.encodeCall(IImageRegistry.invalidateNonces, (1));
        bytes32 approval = wallet.executeHash(address(registry), data, 0);
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(ownerKeys[0], approval);
        vm.expectRevert(abi.encodeWithSelector(MultisigWallet.MultisigWalletNotApproved.selector, approval));
        wallet.execute(address(registry), data, abi.encodePacked(r, s, v));

        execute(data);
        assertEq(wallet.nonce(), 1, "wallet nonce after one call");
        // The same two approvals again are for nonce 0, which is spent.
        bytes memory signatures;
        for (uint256 i; i < 3; i += 2) {
            (v, r, s) = vm.sign(ownerKeys[i], approval);
            signatures = bytes.concat(signatures, abi.encodePacked(r, s, v));
        }
        bytes32 next = wallet.executeHash(address(registry), data, 1);
        vm.expectRevert(abi.encodeWithSelector(MultisigWallet.MultisigWalletNotApproved.selector, next));
        wallet.execute(address(registry), data, signatures);
    }

    function test_executePassesOnTheRegistrysRevert() public {
        uint256 alices = publishAs(ALICE, NAME, imageId, 0);
        bytes memory data = abi.encodeCall(IImageRegistry.revoke, (alices, ""));
        bytes memory reason =
            abi.encodeWithSelector(IImageRegistry.ImageRegistryNotPublisher.selector, alices, address(wallet), ALICE);
        vm.expectRevert(
            abi.encodeWithSelector(MultisigWallet.MultisigWalletCallFailed.selector, address(registry), reason)
        );
        this.executeExternally(data);
    }

    /// @dev An external hop, so that expectRevert sees the wallet call and not the cheatcodes before it.
    function executeExternally(bytes calldata data) external returns (bytes memory) {
        return execute(data);
    }

    /*//////////////////////////////////////////////////////////////
                              THE WALLET
    //////////////////////////////////////////////////////////////*/

    function test_theWalletRefusesABadThresholdOrOwner() public {
        address[] memory two = new address[](2);
        (two[0], two[1]) = (ALICE, BOB);
        vm.expectRevert(abi.encodeWithSelector(MultisigWallet.MultisigWalletInvalidThreshold.selector, 0, 2));
        new MultisigWallet(two, 0);
        vm.expectRevert(abi.encodeWithSelector(MultisigWallet.MultisigWalletInvalidThreshold.selector, 3, 2));
        new MultisigWallet(two, 3);
        two[1] = ALICE;
        vm.expectRevert(abi.encodeWithSelector(MultisigWallet.MultisigWalletInvalidOwner.selector, ALICE));
        new MultisigWallet(two, 1);
        two[0] = address(0);
        vm.expectRevert(abi.encodeWithSelector(MultisigWallet.MultisigWalletInvalidOwner.selector, address(0)));
        new MultisigWallet(two, 1);
    }

    function test_theWalletDescribesItself() public view {
        address[] memory listed = wallet.owners();
        assertEq(listed.length, 3, "owners");
        for (uint256 i; i < 3; ++i) {
            assertEq(listed[i], vm.addr(ownerKeys[i]), "owner");
        }
        assertEq(wallet.threshold(), 2, "threshold");
        assertTrue(wallet.domainSeparator() != twin.domainSeparator(), "each wallet its own domain");
    }
}
