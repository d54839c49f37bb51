// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

/// @title The cheatcodes the Solidity tests use
/// @notice forge-std is not installed: this declares only what the tests call. Hardhat's Solidity test
///         runner (EDR) answers these at the cheatcode address, as Foundry does.
interface Vm {
    function prank(address msgSender) external;
    function expectRevert(bytes calldata revertData) external;
    function expectEmit(bool checkTopic1, bool checkTopic2, bool checkTopic3, bool checkData, address emitter)
        external;
    function assume(bool condition) external pure;
    function warp(uint256 newTimestamp) external;
    function roll(uint256 newHeight) external;
    function chainId(uint256 newChainId) external;
    function addr(uint256 privateKey) external pure returns (address keyAddr);
    function sign(uint256 privateKey, bytes32 digest) external pure returns (uint8 v, bytes32 r, bytes32 s);
    function store(address target, bytes32 slot, bytes32 value) external;
    function etch(address target, bytes calldata newRuntimeBytecode) external;
    function load(address target, bytes32 slot) external view returns (bytes32 data);
    function toString(uint256 value) external pure returns (string memory text);
    function toString(bytes32 value) external pure returns (string memory text);
    function toString(address value) external pure returns (string memory text);
}

/// @dev keccak256("hevm cheat code"), the address Foundry and Hardhat answer cheatcodes at.
Vm constant vm = Vm(0x7109709ECfa91a80626fF3989D68f67F5b1DD12D);
