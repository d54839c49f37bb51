// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

/// @title ImageSeal image registry
/// @notice An append-only record of releases. A release is one publisher's claim that a name (such as
///         `docker.io/acme/api:1.4.2`) is an image with certain digests. Nothing is ever overwritten:
///         publishing a name again adds a release, and a publisher can only mark its own release revoked.
/// @dev Storage keeps what the lookups need (who, when, in which block, revoked or not, and the lists
///      that find a release by digest, by publisher and by name). The name and the digests live in the
///      `Published` event only: a client reads them from the logs of the release's `blockNumber`.
///      There is no owner, no pause, no upgrade path, and the contract accepts no ether.
interface IImageRegistry {
    /*//////////////////////////////////////////////////////////////
                                 TYPES
    //////////////////////////////////////////////////////////////*/

    /// @notice What a lookup returns for one release.
    /// @param id The release id (see `publish`).
    /// @param publisher The address that published the release.
    /// @param publishedAt The timestamp of the block that recorded the release.
    /// @param revokedAt The timestamp of the block that revoked the release, 0 while it is valid.
    /// @param blockNumber The block that recorded the release: its `Published` log holds the name and the digests.
    struct Release {
        uint256 id;
        address publisher;
        uint64 publishedAt;
        uint64 revokedAt;
        uint64 blockNumber;
    }

    /// @notice One release to publish with `publishBatch`; the fields are those of `publish`.
    struct ReleaseInput {
        string name;
        bytes32 imageId;
        bytes32 manifestDigest;
        bytes32 indexDigest;
        bytes32 archiveDigest;
    }

    /*//////////////////////////////////////////////////////////////
                                 EVENTS
    //////////////////////////////////////////////////////////////*/

    /// @notice A release was recorded. The event carries everything the release claims, so a client
    ///         rebuilds the release from this one log.
    /// @param id The new release id.
    /// @param publisher The publisher.
    /// @param nameHash keccak256 of the name's bytes, to filter a name's history from the logs.
    /// @param name The name, 1..255 bytes without control characters.
    /// @param imageId sha256 of the image config, 0 for a plain file.
    /// @param manifestDigest sha256 of the image manifest, 0 when unknown.
    /// @param indexDigest sha256 of the image index (or manifest list), 0 when unknown.
    /// @param archiveDigest sha256 of the plain file or of the archive, 0 when not recorded.
    event Published(
        uint256 indexed id,
        address indexed publisher,
        bytes32 indexed nameHash,
        string name,
        bytes32 imageId,
        bytes32 manifestDigest,
        bytes32 indexDigest,
        bytes32 archiveDigest
    );

    /// @notice A publisher revoked one of its releases.
    /// @param id The revoked release.
    /// @param publisher The release's publisher (who revoked it).
    /// @param reason Free text kept in this event only.
    event Revoked(uint256 indexed id, address indexed publisher, string reason);

    /*//////////////////////////////////////////////////////////////
                                 ERRORS
    //////////////////////////////////////////////////////////////*/

    /// @dev The name has no bytes.
    error ImageRegistryEmptyName();
    /// @dev The name is longer than 255 bytes.
    error ImageRegistryNameTooLong(uint256 length);
    /// @dev The name holds a control character (a byte below 0x20, or 0x7f) at `index`.
    error ImageRegistryInvalidNameByte(uint256 index, bytes1 value);
    /// @dev Every digest is zero: a release names at least one.
    error ImageRegistryNoDigest();
    /// @dev The publisher already has a valid release with this name and exactly these digests.
    error ImageRegistryAlreadyPublished(uint256 existingId);
    /// @dev No release has this id.
    error ImageRegistryUnknownRelease(uint256 id);
    /// @dev Only the release's publisher may revoke it.
    error ImageRegistryNotPublisher(uint256 id, address caller, address publisher);
    /// @dev The release was revoked at `revokedAt` already.
    error ImageRegistryAlreadyRevoked(uint256 id, uint256 revokedAt);
    /// @dev `publishBatch` was given no release.
    error ImageRegistryEmptyBatch();
    /// @dev The signature's deadline has passed.
    error ImageRegistryExpiredSignature(uint256 deadline);
    /// @dev The signature is not 65 bytes (r, s, v).
    error ImageRegistryInvalidSignatureLength(uint256 length);
    /// @dev The signature's s is in the upper half of the curve order: a malleated copy of a valid signature.
    error ImageRegistryInvalidSignatureS(bytes32 s);
    /// @dev The signature's v is neither 27 nor 28.
    error ImageRegistryInvalidSignatureV(uint8 v);
    /// @dev The signature recovers to `signer` (0 when it recovers to nobody), not to `publisher`.
    error ImageRegistryInvalidSigner(address signer, address publisher);
    /// @dev The block timestamp is 0 or does not fit the 32 bits a release stores (it does until 2106).
    error ImageRegistryTimestampOutOfRange(uint256 timestamp);
    /// @dev The block number does not fit the 32 bits a release stores.
    error ImageRegistryBlockNumberOutOfRange(uint256 blockNumber);
    /// @dev 2^32 - 2 publishers are registered already; `publisher` would be one more.
    error ImageRegistryTooManyPublishers(address publisher);
    /// @dev `publisher` has 2^32 releases already.
    error ImageRegistryTooManyReleases(address publisher);
    /// @dev 2^32 - 1 releases name `digest` already.
    error ImageRegistryTooManyReleasesForDigest(bytes32 digest);

    /*//////////////////////////////////////////////////////////////
                                 WRITES
    //////////////////////////////////////////////////////////////*/

    /// @notice Records a release by `msg.sender`.
    /// @dev Reverts when the name is empty, longer than 255 bytes or holds a control character, when every
    ///      digest is zero, and when the sender has a valid release with the same name and digests.
    ///      A release id is `(publisherNumber << 32) | sequence`: the publisher's registration number
    ///      (1, 2, …, given at its first release) and the release's position among its releases (0, 1, …).
    ///      Ids are unique and never reused; clients treat them as opaque.
    /// @param name The name, 1..255 bytes; bytes below 0x20 and 0x7f are rejected.
    /// @param imageId sha256 of the image config, 0 for a plain file.
    /// @param manifestDigest sha256 of the image manifest, 0 when unknown.
    /// @param indexDigest sha256 of the image index (or manifest list), 0 when unknown.
    /// @param archiveDigest sha256 of the plain file or of the archive, 0 when not recorded.
    /// @return id The new release id.
    function publish(
        string calldata name,
        bytes32 imageId,
        bytes32 manifestDigest,
        bytes32 indexDigest,
        bytes32 archiveDigest
    ) external returns (uint256 id);

    /// @notice Records several releases by `msg.sender` in one transaction, such as one release per
    ///         platform of a multi-platform image (they share its indexDigest).
    /// @dev Each release is checked as in `publish`; one rejection reverts the whole batch.
    /// @return ids The new release ids, in the order of `releases`.
    function publishBatch(ReleaseInput[] calldata releases) external returns (uint256[] memory ids);

    /// @notice Records a release by `publisher`, who signed it (EIP-712 `Release`), sent by anyone who pays
    ///         the gas.
    /// @dev The signed message is `release` plus the publisher's current nonce (see `nonces`), which this
    ///      call uses up, and `deadline`. The domain binds the signature to this contract on this chain.
    ///      Reverts as `publish` does, and when the deadline has passed or the signature is malformed,
    ///      malleated (high s) or not the publisher's. Only EOA (ECDSA) signatures are accepted.
    /// @param publisher The release's publisher, whose key signed it.
    /// @param release The release, its fields as in `publish`.
    /// @param deadline The last block timestamp at which the signature is accepted.
    /// @param signature 65 bytes: r, s, v (v is 27 or 28).
    /// @return id The new release id.
    function publishBySig(address publisher, ReleaseInput calldata release, uint256 deadline, bytes calldata signature)
        external
        returns (uint256 id);

    /// @notice Marks a release revoked. Only its publisher may, and only once; the release stays readable.
    /// @param id The release to revoke.
    /// @param reason Free text, kept in the `Revoked` event only.
    function revoke(uint256 id, string calldata reason) external;

    /*//////////////////////////////////////////////////////////////
                                 LOOKUPS
    //////////////////////////////////////////////////////////////*/

    /// @notice The release with this id; reverts with `ImageRegistryUnknownRelease` when there is none.
    function getRelease(uint256 id) external view returns (Release memory release);

    /// @notice Every release that names `digest` as its imageId, manifestDigest, indexDigest or archiveDigest,
    ///         newest first: entries `offset` .. `offset + limit - 1` of that list.
    /// @dev A release is listed once per digest even when it names the digest in several roles.
    /// @return releases At most `limit` releases (fewer at the end of the list).
    /// @return total How many releases name the digest; a client paging while releases land can use it
    ///         to shift its offset.
    function releasesByDigest(bytes32 digest, uint256 offset, uint256 limit)
        external
        view
        returns (Release[] memory releases, uint256 total);

    /// @notice The publisher's releases, newest first, paged as in `releasesByDigest`.
    function releasesByPublisher(address publisher, uint256 offset, uint256 limit)
        external
        view
        returns (Release[] memory releases, uint256 total);

    /// @notice The publisher's releases under `name` (its history, revoked ones included), newest first,
    ///         paged as in `releasesByDigest`.
    function releasesByName(address publisher, string calldata name, uint256 offset, uint256 limit)
        external
        view
        returns (Release[] memory releases, uint256 total);

    /// @notice The newest release of `publisher` under `name` that is not revoked.
    /// @dev Walks the name's history from the newest release, so its cost grows with the revoked releases
    ///      it skips. A view only: nothing that writes calls it.
    /// @return found False when the name has no valid release (then `release` is all zeros).
    function latestValidRelease(address publisher, string calldata name)
        external
        view
        returns (bool found, Release memory release);

    /// @notice The nonce the publisher's next `publishBySig` signature must carry.
    function nonces(address publisher) external view returns (uint256);

    /// @notice The EIP-712 domain separator of this contract on the current chain.
    // solhint-disable-next-line func-name-mixedcase
    function DOMAIN_SEPARATOR() external view returns (bytes32);

    /// @notice The EIP-712 typed-data digest a publisher signs for `publishBySig`, on the current chain.
    /// @dev Lets a client check its own off-chain computation of the digest.
    function releaseDigest(ReleaseInput calldata release, uint256 nonce, uint256 deadline)
        external
        view
        returns (bytes32);

    /// @notice The EIP-712 domain, as EIP-5267 describes it (name, version, chainId and verifyingContract are set).
    function eip712Domain()
        external
        view
        returns (
            bytes1 fields,
            string memory name,
            string memory version,
            uint256 chainId,
            address verifyingContract,
            bytes32 salt,
            uint256[] memory extensions
        );
}
