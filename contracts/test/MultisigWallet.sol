// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

/// @title A minimal M-of-N multisig wallet, for tests
/// @notice What an organisation's Safe does for the registry, and no more: its owners approve a message
///         (EIP-1271 `isValidSignature`) or a call the wallet makes (`execute`) by signing it off-chain, and
///         at least `threshold` distinct owners must. Not for real funds: no owner changes, no ether, no
///         modules, no guards.
/// @dev Owners sign an EIP-712 digest whose domain binds this wallet's address and the chain, as Safe's
///      `SafeMessage` does: the same owners' signatures for wallet A are not valid for a wallet B they also
///      own. `signatures` is the concatenation of 65-byte (r, s, v) ECDSA signatures, low s and v of 27 or
///      28, ordered by strictly ascending signer address (which is how duplicates are refused).
contract MultisigWallet {
    /*//////////////////////////////////////////////////////////////
                                CONSTANTS
    //////////////////////////////////////////////////////////////*/

    /// @dev What `isValidSignature` answers for a signature it accepts (its own selector), and for any other.
    bytes4 private constant _ERC1271_MAGIC = 0x1626ba7e;
    bytes4 private constant _ERC1271_REJECTED = 0xffffffff;
    bytes32 private constant _DOMAIN_TYPEHASH = keccak256("EIP712Domain(uint256 chainId,address verifyingContract)");
    bytes32 private constant _MESSAGE_TYPEHASH = keccak256("WalletMessage(bytes32 hash)");
    bytes32 private constant _EXECUTE_TYPEHASH =
        keccak256("WalletExecute(address target,bytes data,uint256 nonce)");
    uint256 private constant _SIGNATURE_LENGTH = 65;
    /// @dev secp256k1n / 2: a larger s is the malleated twin of a valid signature.
    uint256 private constant _MAX_S = 0x7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a0;

    /*//////////////////////////////////////////////////////////////
                                 ERRORS
    //////////////////////////////////////////////////////////////*/

    /// @dev The threshold must be between 1 and the number of owners.
    error MultisigWalletInvalidThreshold(uint256 threshold, uint256 owners);
    /// @dev An owner is 0 or listed twice.
    error MultisigWalletInvalidOwner(address owner);
    /// @dev `execute` was not approved by `threshold` owners for this wallet, chain and nonce.
    error MultisigWalletNotApproved(bytes32 digest);
    /// @dev The call `execute` made reverted; `reason` is its revert data.
    error MultisigWalletCallFailed(address target, bytes reason);

    /*//////////////////////////////////////////////////////////////
                                 EVENTS
    //////////////////////////////////////////////////////////////*/

    /// @notice The wallet made a call its owners approved.
    event Executed(uint256 indexed nonce, address indexed target, bytes data);

    /*//////////////////////////////////////////////////////////////
                                 STORAGE
    //////////////////////////////////////////////////////////////*/

    address[] private _owners;
    mapping(address owner => bool) private _isOwner;
    uint256 private immutable _threshold;
    uint256 private _nonce;

    constructor(address[] memory initialOwners, uint256 requiredSignatures) {
        if (requiredSignatures == 0 || requiredSignatures > initialOwners.length) {
            revert MultisigWalletInvalidThreshold(requiredSignatures, initialOwners.length);
        }
        for (uint256 i; i < initialOwners.length; ++i) {
            address owner = initialOwners[i];
            if (owner == address(0) || _isOwner[owner]) revert MultisigWalletInvalidOwner(owner);
            _isOwner[owner] = true;
        }
        _owners = initialOwners;
        _threshold = requiredSignatures;
    }

    /*//////////////////////////////////////////////////////////////
                                 WRITES
    //////////////////////////////////////////////////////////////*/

    /// @notice Calls `target` with `data` as this wallet, when `threshold` owners signed `executeHash` for
    ///         the current nonce. Anyone may submit the approval; each approval works once (the nonce moves).
    /// @return result What the call returned.
    function execute(address target, bytes calldata data, bytes calldata signatures)
        external
        returns (bytes memory result)
    {
        uint256 current = _nonce;
        bytes32 digest = executeHash(target, data, current);
        if (!_approved(digest, signatures)) revert MultisigWalletNotApproved(digest);
        _nonce = current + 1;
        bool success;
        // A wallet executes whatever call its owners signed: a low-level call is its job.
        // solhint-disable-next-line avoid-low-level-calls
        (success, result) = target.call(data);
        if (!success) revert MultisigWalletCallFailed(target, result);
        emit Executed(current, target, data);
    }

    /*//////////////////////////////////////////////////////////////
                                 LOOKUPS
    //////////////////////////////////////////////////////////////*/

    /// @notice EIP-1271: accepts `hash` when `threshold` owners signed `messageHash(hash)`.
    function isValidSignature(bytes32 hash, bytes calldata signature) external view returns (bytes4) {
        return _approved(messageHash(hash), signature) ? _ERC1271_MAGIC : _ERC1271_REJECTED;
    }

    /// @notice The digest owners sign to approve `hash` as this wallet's signature (this wallet, this chain).
    function messageHash(bytes32 hash) public view returns (bytes32) {
        return _typedDataDigest(keccak256(abi.encode(_MESSAGE_TYPEHASH, hash)));
    }

    /// @notice The digest owners sign to approve `execute(target, data, …)` at wallet nonce `atNonce`.
    function executeHash(address target, bytes calldata data, uint256 atNonce) public view returns (bytes32) {
        return _typedDataDigest(keccak256(abi.encode(_EXECUTE_TYPEHASH, target, keccak256(data), atNonce)));
    }

    function domainSeparator() public view returns (bytes32) {
        return keccak256(abi.encode(_DOMAIN_TYPEHASH, block.chainid, address(this)));
    }

    function owners() external view returns (address[] memory) {
        return _owners;
    }

    function threshold() external view returns (uint256) {
        return _threshold;
    }

    /// @notice The nonce the next `execute` approval must be signed for.
    function nonce() external view returns (uint256) {
        return _nonce;
    }

    /*//////////////////////////////////////////////////////////////
                                 HELPERS
    //////////////////////////////////////////////////////////////*/

    function _typedDataDigest(bytes32 structHash) private view returns (bytes32) {
        return keccak256(abi.encodePacked("\x19\x01", domainSeparator(), structHash));
    }

    /// @dev True when `signatures` holds at least `threshold` strict signatures of `digest`, each by an owner,
    ///      in strictly ascending signer order. Anything malformed is a refusal, not a revert, as EIP-1271 asks.
    function _approved(bytes32 digest, bytes calldata signatures) private view returns (bool) {
        if (signatures.length % _SIGNATURE_LENGTH != 0) return false;
        uint256 count = signatures.length / _SIGNATURE_LENGTH;
        if (count < _threshold) return false;
        address previous = address(0);
        for (uint256 i; i < count; ++i) {
            bytes calldata signature = signatures[i * _SIGNATURE_LENGTH:(i + 1) * _SIGNATURE_LENGTH];
            bytes32 r = bytes32(signature[0:32]);
            bytes32 s = bytes32(signature[32:64]);
            uint8 v = uint8(signature[64]);
            if (uint256(s) > _MAX_S || (v != 27 && v != 28)) return false;
            address signer = ecrecover(digest, v, r, s);
            // Ascending order refuses a repeated owner; ecrecover's 0 for "nobody" is below every owner.
            if (signer <= previous || !_isOwner[signer]) return false;
            previous = signer;
        }
        return true;
    }
}
