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
///
///      Version 2 adds: lookups by (publisher, digest) whose cost does not grow with other addresses'
///      releases; signatures that every revocation cancels (so a revoked release cannot be brought back
///      by an old signed file); EIP-1271 signatures from contract accounts (multisig wallets); and
///      delegate keys a publisher authorises for a name prefix until an expiry, and can revoke.
///
///      Claims: a publisher lists where it proves control of a registry repository or a domain (a signed
///      document at `oci://<repository>` or `https://<host>/.well-known/imageseal.json`). The contract only
///      records the locations so a verifier can find them from the address; it does not read or check
///      them. Claims are not part of offline proof bundles (see app/proofs).
interface IImageRegistry {
    /*//////////////////////////////////////////////////////////////
                                 TYPES
    //////////////////////////////////////////////////////////////*/

    /// @notice What a lookup returns for one release.
    /// @param id The release id (see `publish`).
    /// @param publisher The address the release is by (an EOA or a contract account).
    /// @param signer The delegate key that published it on the publisher's behalf; 0 when the publisher did.
    /// @param publishedAt The timestamp of the block that recorded the release.
    /// @param revokedAt The timestamp of the block that revoked the release, 0 when not revoked.
    /// @param blockNumber The block that recorded the release: its `Published` log holds the name and the digests.
    /// @param valid Not revoked and, for a delegated release, its delegation still in force (not revoked,
    ///        not expired, and granted no later than the release's block), as of the block the call reads.
    struct Release {
        uint256 id;
        address publisher;
        address signer;
        uint64 publishedAt;
        uint64 revokedAt;
        uint64 blockNumber;
        bool valid;
    }

    /// @notice A publisher's authorisation of a delegate key, as `delegation` returns it.
    /// @param namePrefix The delegate may publish only names that start with these bytes ("" = every name).
    /// @param since The block of the grant; the delegate's releases from earlier blocks do not count.
    /// @param expiresAt The last block timestamp at which the delegation is in force.
    /// @param revokedAt The timestamp of the block that revoked it, 0 when not revoked.
    /// @param active In force now: granted, not revoked, not expired.
    struct Delegation {
        string namePrefix;
        uint64 since;
        uint64 expiresAt;
        uint64 revokedAt;
        bool active;
    }

    /// @notice One release to publish with `publishBatch`; the fields are those of `publish`.
    struct ReleaseInput {
        string name;
        bytes32 imageId;
        bytes32 manifestDigest;
        bytes32 indexDigest;
        bytes32 archiveDigest;
    }

    /// @notice A location where the publisher says it proves control of a scope, as `claimsOf` returns it.
    /// @param location Where the signed claim document lives: `oci://<domain>/<path>` (a repository; the
    ///        document is the artifact under its tag `imageseal-claim`) or `https://<host>` (the host's
    ///        `/.well-known/imageseal.json`). 1..256 bytes, not parsed by the contract.
    /// @param addedAt The timestamp of the block that recorded it.
    /// @param withdrawnAt The timestamp of the block that withdrew it, 0 when not withdrawn.
    struct Claim {
        string location;
        uint64 addedAt;
        uint64 withdrawnAt;
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

    /// @notice A publisher revoked one of its releases. Every signature it had outstanding is cancelled
    ///         with it (its nonce moved on).
    /// @param id The revoked release.
    /// @param publisher The release's publisher (who revoked it).
    /// @param reason Free text kept in this event only.
    event Revoked(uint256 indexed id, address indexed publisher, string reason);

    /// @notice A publisher moved its signature nonce to `nonce`: every signature made for a lower one is void.
    event NoncesInvalidated(address indexed publisher, uint256 nonce);

    /// @notice A publisher authorised (or renewed) a delegate key.
    /// @param since The grant's block: the delegate's releases count from there (kept on a renewal of a
    ///        delegation in force with the same prefix).
    event DelegateAuthorized(
        address indexed publisher, address indexed delegate, string namePrefix, uint64 expiresAt, uint64 since
    );

    /// @notice A publisher revoked a delegate key: its releases no longer count.
    event DelegateRevoked(address indexed publisher, address indexed delegate);

    /// @notice A publisher recorded a claim location.
    /// @param index The claim's position in the publisher's list (see `claimsOf`).
    event ClaimAdded(address indexed publisher, uint256 indexed index, string location);

    /// @notice A publisher withdrew one of its claims: verifiers stop reading it.
    event ClaimWithdrawn(address indexed publisher, uint256 indexed index);

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
    /// @dev The signature was made for `nonce`, but the publisher's nonce is `current` now: a revocation or
    ///      `invalidateNonces` cancelled it (or it was made for a nonce not reached yet).
    error ImageRegistryStaleNonce(uint256 nonce, uint256 current);
    /// @dev `invalidateNonces` must move the nonce forward, and below 2^128.
    error ImageRegistryInvalidNonce(uint256 current, uint256 requested);
    /// @dev The contract account `signer` did not accept the signature (EIP-1271).
    error ImageRegistryInvalidContractSignature(address signer);
    /// @dev `signer` holds no delegation from `publisher`.
    error ImageRegistryNotDelegate(address publisher, address signer);
    /// @dev The delegation of `delegate` by `publisher` was revoked at `revokedAt`.
    error ImageRegistryDelegationRevoked(address publisher, address delegate, uint256 revokedAt);
    /// @dev The delegation of `delegate` by `publisher` expired after `expiresAt`.
    error ImageRegistryDelegationExpired(address publisher, address delegate, uint256 expiresAt);
    /// @dev The delegate may publish only names that start with `namePrefix`.
    error ImageRegistryNameOutOfScope(string name, string namePrefix);
    /// @dev A delegate cannot be 0 or the publisher itself.
    error ImageRegistryInvalidDelegate(address delegate);
    /// @dev A delegation's expiry must be after the current block's timestamp and below 2^32.
    error ImageRegistryInvalidExpiry(uint256 expiresAt);
    /// @dev The signature is not 65 bytes (r, s, v).
    error ImageRegistryInvalidSignatureLength(uint256 length);
    /// @dev The signature's s is in the upper half of the curve order: a malleated copy of a valid signature.
    error ImageRegistryInvalidSignatureS(bytes32 s);
    /// @dev The signature's v is neither 27 nor 28.
    error ImageRegistryInvalidSignatureV(uint8 v);
    /// @dev The signature recovers to `recovered` (0 when it recovers to nobody), not to `signer`.
    error ImageRegistryInvalidSigner(address recovered, address signer);
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
    /// @dev A claim location is 1..256 bytes; this one is `length` bytes.
    error ImageRegistryClaimLocationInvalid(uint256 length);
    /// @dev `publisher` has recorded `limit` claims already (withdrawn ones count).
    error ImageRegistryTooManyClaims(address publisher, uint256 limit);
    /// @dev `publisher` has no claim at `index`.
    error ImageRegistryClaimNotFound(address publisher, uint256 index);
    /// @dev `publisher`'s claim at `index` was withdrawn already.
    error ImageRegistryClaimAlreadyWithdrawn(address publisher, uint256 index);

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

    /// @notice Records a release by `publisher`, authorised by an EIP-712 `Release` signature of `signer`,
    ///         sent by anyone who pays the gas.
    /// @dev `signer` is the publisher itself or a delegate key in force whose prefix covers the name. A
    ///      signer without code must give a 65-byte ECDSA signature (low s, v of 27 or 28); a signer with
    ///      code passes with its own key's such signature (an EIP-7702 account) or else is asked through
    ///      EIP-1271 (`isValidSignature`). The message binds the publisher, the release, `nonce`
    ///      (the publisher's current one: see `nonces`) and `deadline`; the domain binds this contract on
    ///      this chain. A signature is not used up: submitting it again while its release is valid reverts
    ///      with `ImageRegistryAlreadyPublished`, and after a revocation with `ImageRegistryStaleNonce`.
    /// @param publisher The release's publisher.
    /// @param signer Who signed: the publisher, or one of its delegates.
    /// @param release The release, its fields as in `publish`.
    /// @param nonce The publisher's nonce the signature was made for.
    /// @param deadline The last block timestamp at which the signature is accepted.
    /// @param signature The signature (65 bytes r, s, v for a key; whatever the contract account accepts).
    /// @return id The new release id.
    function publishBySig(
        address publisher,
        address signer,
        ReleaseInput calldata release,
        uint256 nonce,
        uint256 deadline,
        bytes calldata signature
    ) external returns (uint256 id);

    /// @notice Records releases by `publisher`, sent by one of its delegate keys (`msg.sender`).
    /// @dev Each name must start with the delegation's prefix; the delegation must be in force.
    ///      The releases record `msg.sender` as their signer.
    /// @return ids The new release ids, in the order of `releases`.
    function publishFor(address publisher, ReleaseInput[] calldata releases) external returns (uint256[] memory ids);

    /// @notice Moves the sender's signature nonce to `nonce`, voiding every signature made for a lower one.
    /// @dev `revoke` moves it by one already; this is for signatures outstanding without a revocation.
    function invalidateNonces(uint256 nonce) external;

    /// @notice Authorises `delegate` to publish names starting with `namePrefix` on the sender's behalf
    ///         until `expiresAt`. Calling again renews or changes it; a change of prefix, or a grant after
    ///         revocation or expiry, starts anew (the delegate's earlier releases stay void).
    function authorizeDelegate(address delegate, string calldata namePrefix, uint64 expiresAt) external;

    /// @notice Revokes the sender's delegation of `delegate`: its releases, past and future, do not count.
    function revokeDelegate(address delegate) external;

    /// @notice Records a claim location of `msg.sender`: where it proves control of a repository or a domain.
    /// @dev Reverts when the location is empty or longer than 256 bytes, and when the sender has 32 claims
    ///      already, withdrawn ones included (so `claimsOf` stays one bounded call). The contract does not
    ///      parse the location or check the document there: verifiers do, every time they read it.
    /// @param location `oci://<domain>/<path>` or `https://<host>` (`http://` for a loopback host).
    /// @return index The claim's position in the sender's list.
    function addClaim(string calldata location) external returns (uint256 index);

    /// @notice Withdraws the sender's claim at `index`; it stays listed with its `withdrawnAt`.
    function withdrawClaim(uint256 index) external;

    /// @notice Marks a release revoked. Only its publisher may, and only once; the release stays readable.
    ///         It also moves the publisher's nonce on, cancelling every signature it has outstanding: an
    ///         old signed release cannot bring revoked content back.
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

    /// @notice The releases of `publisher` that name `digest` (in any role), newest first, paged as in
    ///         `releasesByDigest`. Its cost does not depend on how many other addresses named the digest.
    function releasesByPublisherAndDigest(address publisher, bytes32 digest, uint256 offset, uint256 limit)
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

    /// @notice The newest valid release of `publisher` under `name` (see `Release.valid`).
    /// @dev Walks the name's history from the newest release, so its cost grows with the invalid releases
    ///      it skips. A view only: nothing that writes calls it.
    /// @return found False when the name has no valid release (then `release` is all zeros).
    function latestValidRelease(address publisher, string calldata name)
        external
        view
        returns (bool found, Release memory release);

    /// @notice The nonce a `publishBySig` signature for this publisher must carry now.
    function nonces(address publisher) external view returns (uint256);

    /// @notice The publisher's delegation of `delegate` (all zeros and inactive when there is none).
    function delegation(address publisher, address delegate) external view returns (Delegation memory);

    /// @notice Every claim `publisher` recorded, in the order recorded, withdrawn ones included (at most 32).
    function claimsOf(address publisher) external view returns (Claim[] memory claims);

    /// @notice The EIP-712 domain separator of this contract on the current chain.
    // solhint-disable-next-line func-name-mixedcase
    function DOMAIN_SEPARATOR() external view returns (bytes32);

    /// @notice The EIP-712 typed-data digest a publisher signs for `publishBySig`, on the current chain.
    /// @dev Lets a client check its own off-chain computation of the digest.
    function releaseDigest(address publisher, ReleaseInput calldata release, uint256 nonce, uint256 deadline)
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
