// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IImageRegistry} from "../IImageRegistry.sol";

/// @title The rule for a release name
/// @notice A name is 1..255 bytes with no control character: no byte below 0x20 and no 0x7f.
///         Bytes from 0x80 up pass, so UTF-8 names do.
library ReleaseNames {
    uint256 internal constant MAX_LENGTH = 255;

    /// @dev Every byte 0x01, 0x80, 0x20 (space), 0x7f (DEL).
    uint256 private constant _LOW_BITS = 0x0101010101010101010101010101010101010101010101010101010101010101;
    uint256 private constant _HIGH_BITS = 0x8080808080808080808080808080808080808080808080808080808080808080;
    uint256 private constant _SPACES = 0x2020202020202020202020202020202020202020202020202020202020202020;
    uint256 private constant _DELETE_CHARS = 0x7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f;
    uint256 private constant _WORD_BYTES = 32;

    /// @dev Reverts with the registry's error for the first rule the name breaks. It tests 32 bytes at
    ///      a time: a byte-by-byte loop costs about 165 gas a byte (42,000 for a 255-byte name), this
    ///      about 300 gas a word. Only a rejected name is walked byte by byte, to report its first bad byte.
    function check(string calldata name) internal pure {
        bytes calldata raw = bytes(name);
        uint256 length = raw.length;
        if (length == 0) revert IImageRegistry.ImageRegistryEmptyName();
        if (length > MAX_LENGTH) revert IImageRegistry.ImageRegistryNameTooLong(length);
        // Cannot overflow: start and length are below 2^9.
        unchecked {
            for (uint256 start; start < length; start += _WORD_BYTES) {
                // A slice shorter than 32 bytes converts zero-padded on the right: make the padding spaces.
                uint256 word = uint256(bytes32(raw[start:]));
                uint256 remaining = length - start;
                if (remaining < _WORD_BYTES) word |= _SPACES >> (8 * remaining);
                if (_hasControlByte(word)) _revertAtControlByte(raw, start);
            }
        }
    }

    /// @dev True when a byte of `word` is below 0x20 or is 0x7f. For n <= 0x80, `(x - 0x0101…01 * n) & ~x
    ///      & 0x8080…80` is non-zero exactly when some byte of x is below n: a byte below n sets its top
    ///      bit, `& ~x` drops bytes of 0x80 and up, and a borrow only ever spreads upward from a byte that
    ///      is itself a hit. 0x7f is found as a zero byte (below 1) of `word ^ 0x7f7f…7f`.
    function _hasControlByte(uint256 word) private pure returns (bool) {
        // Wrapping is intended: see above.
        unchecked {
            uint256 belowSpace = (word - _SPACES) & ~word & _HIGH_BITS;
            uint256 deleteChars = word ^ _DELETE_CHARS;
            uint256 isDelete = (deleteChars - _LOW_BITS) & ~deleteChars & _HIGH_BITS;
            return (belowSpace | isDelete) != 0;
        }
    }

    /// @dev Reverts at the first control byte from `start` on; `_hasControlByte` found one in that word.
    function _revertAtControlByte(bytes calldata raw, uint256 start) private pure {
        for (uint256 i = start;; ++i) {
            bytes1 value = raw[i];
            if (value < 0x20 || value == 0x7f) revert IImageRegistry.ImageRegistryInvalidNameByte(i, value);
        }
    }
}
