// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IImageRegistry} from "../IImageRegistry.sol";

/// @title secp256k1 signature recovery with the checks ecrecover lacks
/// @notice Accepts only 65-byte (r, s, v) signatures with s in the lower half of the curve order and
///         v of 27 or 28, so every signed message has exactly one accepted signature (EIP-2).
library Signatures {
    uint256 private constant _LENGTH = 65;
    /// @dev secp256k1n / 2: a signature with a larger s has a twin with s' = n - s that also verifies.
    uint256 private constant _MAX_S = 0x7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a0;

    /// @return The signer, or address(0) when the signature recovers to no key (as ecrecover reports it).
    function recover(bytes32 digest, bytes calldata signature) internal pure returns (address) {
        if (signature.length != _LENGTH) revert IImageRegistry.ImageRegistryInvalidSignatureLength(signature.length);
        bytes32 r = bytes32(signature[0:32]);
        bytes32 s = bytes32(signature[32:64]);
        uint8 v = uint8(signature[64]);
        if (uint256(s) > _MAX_S) revert IImageRegistry.ImageRegistryInvalidSignatureS(s);
        if (v != 27 && v != 28) revert IImageRegistry.ImageRegistryInvalidSignatureV(v);
        return ecrecover(digest, v, r, s);
    }

    /// @return The signer, or address(0) when the signature is not a well-formed 65-byte (r, s, v) one with
    ///         low s and v of 27 or 28, or recovers to no key. Never reverts: for accounts that may also
    ///         answer through EIP-1271.
    function tryRecover(bytes32 digest, bytes calldata signature) internal pure returns (address) {
        if (signature.length != _LENGTH) return address(0);
        bytes32 s = bytes32(signature[32:64]);
        uint8 v = uint8(signature[64]);
        if (uint256(s) > _MAX_S || (v != 27 && v != 28)) return address(0);
        return ecrecover(digest, v, bytes32(signature[0:32]), s);
    }
}
