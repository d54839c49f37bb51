// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IImageRegistry} from "./IImageRegistry.sol";
import {ReleaseNames} from "./lib/ReleaseNames.sol";
import {Signatures} from "./lib/Signatures.sol";

/// @title ImageSeal image registry
/// @notice See `IImageRegistry`. Storage is laid out for the cost of a publish: a typical one (known
///         publisher, new name, new imageId and manifestDigest) creates four storage words and updates
///         one. The contract README ("Storage layout") gives the options measured and their gas.
contract ImageRegistry is IImageRegistry {
    /*//////////////////////////////////////////////////////////////
                                CONSTANTS
    //////////////////////////////////////////////////////////////*/

    string private constant _DOMAIN_NAME = "ImageSeal";
    string private constant _DOMAIN_VERSION = "2";
    bytes32 private constant _DOMAIN_TYPEHASH =
        keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)");
    bytes32 private constant _RELEASE_TYPEHASH = keccak256(
        "Release(address publisher,string name,bytes32 imageId,bytes32 manifestDigest,bytes32 indexDigest,bytes32 archiveDigest,uint256 nonce,uint256 deadline)"
    );
    /// @dev EIP-5267: name, version, chainId and verifyingContract are set; salt and extensions are not.
    bytes1 private constant _DOMAIN_FIELDS = hex"0f";
    /// @dev What an EIP-1271 account answers for a signature it accepts: `isValidSignature.selector`.
    bytes4 private constant _ERC1271_MAGIC = 0x1626ba7e;

    /// @dev Positions in a release's `bytes32[4] digests`, the order `publish` takes them in.
    uint256 private constant _IMAGE_ID = 0;
    uint256 private constant _MANIFEST_DIGEST = 1;
    uint256 private constant _INDEX_DIGEST = 2;
    uint256 private constant _ARCHIVE_DIGEST = 3;
    uint256 private constant _DIGEST_ROLES = 4;

    /*//////////////////////////////////////////////////////////////
                                 STORAGE
    //////////////////////////////////////////////////////////////*/

    // Each value is one word packed by hand (bit 0 is the lowest): a publish then reads and writes each
    // word once, where copying Solidity structs cost about 500 gas more per word.
    //
    //   account (one per publisher)  number 0-31 | releaseCount 32-63 | nonce 64-255
    //   record (one per release)     publisher 0-159 | publishedAt 160-191 | revokedAt 192-223 | blockNumber 224-255
    //   digest list head             count 0-31 | id0 32-95 | id1 96-159 | first entry's claim tag 160-255
    //   name list head               count 0-31 | sequence0 32-63 | sequence1 64-95 | sequence2 96-127
    //                                | first entry's claim tag 128-255
    //   digest list tail word        4 ids of 64 bits, lowest first: entries 2-5 in word 0, 6-9 in word 1, …
    //   name list tail word          8 sequences of 32 bits, lowest first: entries 3-10 in word 0, …
    //   publisher-digest list head   count 0-31 | sequences 0-6, 32 bits each from bit 32
    //   publisher-digest tail word   8 sequences of 32 bits: entries 7-14 in word 0, …
    //
    // The publisher-digest list holds a publisher's releases of a digest that are not among the first two
    // entries of the digest's list (those are in its head already). So a typical publish (the digest's
    // first release) writes no extra word, and a lookup by (publisher, digest) reads the digest head and
    // this list: its cost does not grow with other publishers' releases of the digest (spam).
    //
    // A release id is `(number << 32) | sequence`: a publisher's releases are sequences 0 .. releaseCount - 1,
    // so listing them by publisher costs no storage. A claim tag is the top bits of the claim key
    // (keccak256 of publisher, name and digests), kept in place. Limits (each guarded by a custom error):
    // 2^32 - 2 publishers, 2^32 - 1 releases per publisher and per digest, timestamps and block numbers
    // below 2^32 (timestamps until the year 2106).

    uint256 private constant _WORD32 = type(uint32).max;
    uint256 private constant _WORD64 = type(uint64).max;
    uint256 private constant _SEQUENCE_BITS = 32;
    uint256 private constant _RELEASE_COUNT_SHIFT = 32;
    uint256 private constant _NONCE_SHIFT = 64;
    uint256 private constant _MAX_NONCE_BITS = 128;
    uint256 private constant _PUBLISHED_AT_SHIFT = 160;
    uint256 private constant _REVOKED_AT_SHIFT = 192;
    uint256 private constant _BLOCK_NUMBER_SHIFT = 224;
    /// @dev A list head keeps its count in its lowest 32 bits and its entries from bit 32.
    uint256 private constant _HEAD_ENTRIES_SHIFT = 32;
    uint256 private constant _DIGEST_HEAD_IDS = 2;
    uint256 private constant _DIGEST_ID_BITS = 64;
    uint256 private constant _DIGEST_IDS_PER_WORD = 4;
    uint256 private constant _DIGEST_TAG_SHIFT = 160;
    /// @dev With 2 ids in a digest head and 3 sequences in a name head, a name and a digest that grow
    ///      together (one release per platform of a multi-platform image) never open a tail word in the
    ///      same publish.
    uint256 private constant _NAME_HEAD_SEQUENCES = 3;
    uint256 private constant _NAME_SEQUENCES_PER_WORD = 8;
    uint256 private constant _NAME_TAG_SHIFT = 128;
    uint256 private constant _PUBLISHER_DIGEST_HEAD_SEQUENCES = 7;

    /// @dev Starts at 1, so the first registration updates this word rather than creating it.
    uint256 private _nextPublisherNumber = 1;
    mapping(address publisher => uint256 account) private _accounts;
    mapping(uint256 id => uint256 record) private _records;
    mapping(bytes32 digest => uint256 head) private _digestHeads;
    mapping(bytes32 digest => mapping(uint256 index => uint256 ids)) private _digestTails;
    mapping(bytes32 nameKey => uint256 head) private _nameHeads;
    mapping(bytes32 nameKey => mapping(uint256 index => uint256 sequences)) private _nameTails;
    /// @dev Written only for a release that is the first entry of none of its lists: see `_checkNotPublished`.
    mapping(bytes32 claimKey => uint256 id) private _latestIdByClaim;
    mapping(bytes32 publisherDigestKey => uint256 head) private _publisherDigestHeads;
    mapping(bytes32 publisherDigestKey => mapping(uint256 index => uint256 sequences)) private _publisherDigestTails;
    /// @dev Written only for a delegated release.
    mapping(uint256 id => address signer) private _signers;

    /// @dev since: the grant's block; expiresAt: 0 when never granted; revokedAt: 0 when not revoked.
    struct DelegationRecord {
        uint32 since;
        uint32 expiresAt;
        uint32 revokedAt;
        string namePrefix;
    }

    mapping(address publisher => mapping(address delegate => DelegationRecord)) private _delegations;

    /// @dev Claims come after every release slot (0-11), so the layout offline proofs read
    ///      (app/proofs/registryLayout.ts) stays where it was. Plain structs: a claim is written rarely.
    mapping(address publisher => Claim[] claims) private _claims;

    /// @dev Bounds `claimsOf` (one call returns them all) and what a verifier fetches per publisher.
    uint256 private constant _MAX_CLAIMS = 32;
    /// @dev Room for `oci://` and a repository name (255 bytes at most, as docker allows).
    uint256 private constant _MAX_CLAIM_LOCATION_BYTES = 256;

    /*//////////////////////////////////////////////////////////////
                                 WRITES
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IImageRegistry
    function publish(
        string calldata name,
        bytes32 imageId,
        bytes32 manifestDigest,
        bytes32 indexDigest,
        bytes32 archiveDigest
    ) external returns (uint256 id) {
        id = _publish(msg.sender, address(0), name, [imageId, manifestDigest, indexDigest, archiveDigest]);
    }

    /// @inheritdoc IImageRegistry
    function publishBatch(ReleaseInput[] calldata releases) external returns (uint256[] memory ids) {
        if (releases.length == 0) revert ImageRegistryEmptyBatch();
        ids = new uint256[](releases.length);
        for (uint256 i; i < releases.length; ++i) {
            ids[i] = _publish(msg.sender, address(0), releases[i].name, _digestsOf(releases[i]));
        }
    }

    /// @inheritdoc IImageRegistry
    function publishBySig(
        address publisher,
        address signer,
        ReleaseInput calldata release,
        uint256 nonce,
        uint256 deadline,
        bytes calldata signature
    ) external returns (uint256 id) {
        if (block.timestamp > deadline) revert ImageRegistryExpiredSignature(deadline);
        uint256 current = _accounts[publisher] >> _NONCE_SHIFT;
        if (nonce != current) revert ImageRegistryStaleNonce(nonce, current);
        bytes32[4] memory digests = _digestsOf(release);
        _checkSignature(signer, _releaseDigest(publisher, release.name, digests, nonce, deadline), signature);
        if (signer == publisher) {
            id = _publish(publisher, address(0), release.name, digests);
        } else {
            _checkDelegate(publisher, signer, release.name);
            id = _publish(publisher, signer, release.name, digests);
        }
    }

    /// @inheritdoc IImageRegistry
    function publishFor(address publisher, ReleaseInput[] calldata releases) external returns (uint256[] memory ids) {
        if (releases.length == 0) revert ImageRegistryEmptyBatch();
        ids = new uint256[](releases.length);
        for (uint256 i; i < releases.length; ++i) {
            _checkDelegate(publisher, msg.sender, releases[i].name);
            ids[i] = _publish(publisher, msg.sender, releases[i].name, _digestsOf(releases[i]));
        }
    }

    /// @inheritdoc IImageRegistry
    function revoke(uint256 id, string calldata reason) external {
        uint256 record = _records[id];
        address publisher = address(uint160(record));
        if (publisher == address(0)) revert ImageRegistryUnknownRelease(id);
        if (publisher != msg.sender) revert ImageRegistryNotPublisher(id, msg.sender, publisher);
        uint256 revokedAt = (record >> _REVOKED_AT_SHIFT) & _WORD32;
        if (revokedAt != 0) revert ImageRegistryAlreadyRevoked(id, revokedAt);
        _records[id] = record | (_currentTimestamp() << _REVOKED_AT_SHIFT);
        // Cancels every outstanding signature: one made before this revocation for the same content would
        // otherwise publish it again. The nonce is the top field, so a carry out of it would revert.
        _accounts[publisher] += 1 << _NONCE_SHIFT;
        emit Revoked(id, publisher, reason);
    }

    /// @inheritdoc IImageRegistry
    function invalidateNonces(uint256 nonce) external {
        uint256 account = _accounts[msg.sender];
        uint256 current = account >> _NONCE_SHIFT;
        // Below 2^128, so that no number of later revocations (each adds one) can overflow the word.
        if (nonce <= current || nonce >> _MAX_NONCE_BITS != 0) revert ImageRegistryInvalidNonce(current, nonce);
        _accounts[msg.sender] = (account & type(uint64).max) | (nonce << _NONCE_SHIFT);
        emit NoncesInvalidated(msg.sender, nonce);
    }

    /// @inheritdoc IImageRegistry
    function authorizeDelegate(address delegate, string calldata namePrefix, uint64 expiresAt) external {
        if (delegate == address(0) || delegate == msg.sender) revert ImageRegistryInvalidDelegate(delegate);
        if (expiresAt <= block.timestamp || expiresAt > _WORD32) revert ImageRegistryInvalidExpiry(expiresAt);
        if (bytes(namePrefix).length != 0) ReleaseNames.check(namePrefix);
        DelegationRecord storage record = _delegations[msg.sender][delegate];
        // A renewal of a delegation in force with the same scope keeps its releases; anything else is a
        // new grant, so releases made under a revoked, expired or wider grant do not count again.
        bool renewal = record.expiresAt != 0 && record.revokedAt == 0 && block.timestamp <= record.expiresAt
            && keccak256(bytes(record.namePrefix)) == keccak256(bytes(namePrefix));
        if (!renewal) {
            record.since = uint32(_currentBlockNumber());
            record.revokedAt = 0;
            record.namePrefix = namePrefix;
        }
        record.expiresAt = uint32(expiresAt);
        emit DelegateAuthorized(msg.sender, delegate, namePrefix, expiresAt, record.since);
    }

    /// @inheritdoc IImageRegistry
    function revokeDelegate(address delegate) external {
        DelegationRecord storage record = _delegations[msg.sender][delegate];
        if (record.expiresAt == 0) revert ImageRegistryNotDelegate(msg.sender, delegate);
        if (record.revokedAt != 0) revert ImageRegistryDelegationRevoked(msg.sender, delegate, record.revokedAt);
        record.revokedAt = uint32(_currentTimestamp());
        emit DelegateRevoked(msg.sender, delegate);
    }

    /// @inheritdoc IImageRegistry
    function addClaim(string calldata location) external returns (uint256 index) {
        uint256 length = bytes(location).length;
        if (length == 0 || length > _MAX_CLAIM_LOCATION_BYTES) revert ImageRegistryClaimLocationInvalid(length);
        Claim[] storage claims = _claims[msg.sender];
        index = claims.length;
        if (index == _MAX_CLAIMS) revert ImageRegistryTooManyClaims(msg.sender, _MAX_CLAIMS);
        // _currentTimestamp is never 0 (a withdrawnAt of 0 means "not withdrawn") and fits 32 bits.
        claims.push(Claim({location: location, addedAt: uint64(_currentTimestamp()), withdrawnAt: 0}));
        emit ClaimAdded(msg.sender, index, location);
    }

    /// @inheritdoc IImageRegistry
    function withdrawClaim(uint256 index) external {
        Claim[] storage claims = _claims[msg.sender];
        if (index >= claims.length) revert ImageRegistryClaimNotFound(msg.sender, index);
        Claim storage claim = claims[index];
        if (claim.withdrawnAt != 0) revert ImageRegistryClaimAlreadyWithdrawn(msg.sender, index);
        claim.withdrawnAt = uint64(_currentTimestamp());
        emit ClaimWithdrawn(msg.sender, index);
    }

    /*//////////////////////////////////////////////////////////////
                                 LOOKUPS
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IImageRegistry
    function getRelease(uint256 id) external view returns (Release memory release) {
        release = _release(id);
        if (release.publisher == address(0)) revert ImageRegistryUnknownRelease(id);
    }

    /// @inheritdoc IImageRegistry
    function releasesByDigest(bytes32 digest, uint256 offset, uint256 limit)
        external
        view
        returns (Release[] memory releases, uint256 total)
    {
        uint256 head = _digestHeads[digest];
        total = head & _WORD32;
        releases = new Release[](_pageLength(total, offset, limit));
        for (uint256 i; i < releases.length; ++i) {
            releases[i] = _release(_digestListEntry(digest, head, total - 1 - offset - i));
        }
    }

    /// @inheritdoc IImageRegistry
    function releasesByPublisherAndDigest(address publisher, bytes32 digest, uint256 offset, uint256 limit)
        external
        view
        returns (Release[] memory releases, uint256 total)
    {
        uint256 number = _accounts[publisher] & _WORD32;
        if (number == 0) return (releases, 0);
        // The publisher's entries among the first two of the digest's list, newest first …
        uint256 digestHead = _digestHeads[digest];
        uint256 inHead = digestHead & _WORD32 < _DIGEST_HEAD_IDS ? digestHead & _WORD32 : _DIGEST_HEAD_IDS;
        uint256[] memory headIds = new uint256[](inHead);
        uint256 headMatches;
        for (uint256 position = inHead; position > 0; --position) {
            uint256 id = _digestHeadEntry(digestHead, position - 1);
            if (id >> _SEQUENCE_BITS == number) headIds[headMatches++] = id;
        }
        // … are older than every entry of its own list (entries 2 and up of the digest's list).
        bytes32 key = _publisherDigestKey(publisher, digest);
        uint256 head = _publisherDigestHeads[key];
        uint256 listed = head & _WORD32;
        total = listed + headMatches;
        releases = new Release[](_pageLength(total, offset, limit));
        for (uint256 i; i < releases.length; ++i) {
            uint256 index = offset + i;
            releases[i] = _release(
                index < listed
                    ? _releaseId(number, _publisherDigestEntry(key, head, listed - 1 - index))
                    : headIds[index - listed]
            );
        }
    }

    /// @inheritdoc IImageRegistry
    function releasesByPublisher(address publisher, uint256 offset, uint256 limit)
        external
        view
        returns (Release[] memory releases, uint256 total)
    {
        uint256 account = _accounts[publisher];
        total = (account >> _RELEASE_COUNT_SHIFT) & _WORD32;
        releases = new Release[](_pageLength(total, offset, limit));
        for (uint256 i; i < releases.length; ++i) {
            releases[i] = _release(_releaseId(account & _WORD32, total - 1 - offset - i));
        }
    }

    /// @inheritdoc IImageRegistry
    function releasesByName(address publisher, string calldata name, uint256 offset, uint256 limit)
        external
        view
        returns (Release[] memory releases, uint256 total)
    {
        bytes32 nameKey = _nameKey(publisher, keccak256(bytes(name)));
        uint256 head = _nameHeads[nameKey];
        uint256 number = _accounts[publisher] & _WORD32;
        total = head & _WORD32;
        releases = new Release[](_pageLength(total, offset, limit));
        for (uint256 i; i < releases.length; ++i) {
            releases[i] = _release(_releaseId(number, _nameListEntry(nameKey, head, total - 1 - offset - i)));
        }
    }

    /// @inheritdoc IImageRegistry
    function latestValidRelease(address publisher, string calldata name)
        external
        view
        returns (bool found, Release memory release)
    {
        bytes32 nameKey = _nameKey(publisher, keccak256(bytes(name)));
        uint256 head = _nameHeads[nameKey];
        uint256 number = _accounts[publisher] & _WORD32;
        for (uint256 position = head & _WORD32; position > 0; --position) {
            release = _release(_releaseId(number, _nameListEntry(nameKey, head, position - 1)));
            if (release.valid) return (true, release);
        }
        release = Release(0, address(0), address(0), 0, 0, 0, false);
    }

    /// @inheritdoc IImageRegistry
    function nonces(address publisher) external view returns (uint256) {
        return _accounts[publisher] >> _NONCE_SHIFT;
    }

    /// @inheritdoc IImageRegistry
    function delegation(address publisher, address delegate) external view returns (Delegation memory) {
        DelegationRecord storage record = _delegations[publisher][delegate];
        return Delegation({
            namePrefix: record.namePrefix,
            since: record.since,
            expiresAt: record.expiresAt,
            revokedAt: record.revokedAt,
            active: _inForce(record)
        });
    }

    /// @inheritdoc IImageRegistry
    function claimsOf(address publisher) external view returns (Claim[] memory claims) {
        return _claims[publisher];
    }

    /// @inheritdoc IImageRegistry
    // solhint-disable-next-line func-name-mixedcase
    function DOMAIN_SEPARATOR() external view returns (bytes32) {
        return _domainSeparator();
    }

    /// @inheritdoc IImageRegistry
    function releaseDigest(address publisher, ReleaseInput calldata release, uint256 nonce, uint256 deadline)
        external
        view
        returns (bytes32)
    {
        return _releaseDigest(publisher, release.name, _digestsOf(release), nonce, deadline);
    }

    /// @inheritdoc IImageRegistry
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
        )
    {
        return (_DOMAIN_FIELDS, _DOMAIN_NAME, _DOMAIN_VERSION, block.chainid, address(this), bytes32(0), extensions);
    }

    /*//////////////////////////////////////////////////////////////
                             PUBLISH WORKERS
    //////////////////////////////////////////////////////////////*/

    /// @dev Checks, then records, one release. `signer` is the delegate that authorised it, 0 for the publisher.
    function _publish(address publisher, address signer, string calldata name, bytes32[4] memory digests)
        private
        returns (uint256 id)
    {
        ReleaseNames.check(name);
        uint256 listedRoles = _listedRoles(digests);
        if (listedRoles == 0) revert ImageRegistryNoDigest();
        bytes32 nameHash = keccak256(bytes(name));
        id = _store(publisher, nameHash, digests, listedRoles);
        if (signer != address(0)) _signers[id] = signer;
        emit Published(
            id,
            publisher,
            nameHash,
            name,
            digests[_IMAGE_ID],
            digests[_MANIFEST_DIGEST],
            digests[_INDEX_DIGEST],
            digests[_ARCHIVE_DIGEST]
        );
    }

    /// @dev Checks that the release fits (clock, counters) and duplicates no valid one, then writes it: the
    ///      publisher's account, the record, the name and digest lists, and (rarely) the claim map.
    function _store(address publisher, bytes32 nameHash, bytes32[4] memory digests, uint256 listedRoles)
        private
        returns (uint256 id)
    {
        uint256 record = uint256(uint160(publisher)) | (_currentTimestamp() << _PUBLISHED_AT_SHIFT)
            | (_currentBlockNumber() << _BLOCK_NUMBER_SHIFT);
        uint256 account = _accounts[publisher];
        uint256 sequence = (account >> _RELEASE_COUNT_SHIFT) & _WORD32;
        if (sequence == _WORD32) revert ImageRegistryTooManyReleases(publisher);
        bytes32 nameKey = _nameKey(publisher, nameHash);
        bytes32 claimKey = keccak256(abi.encode(nameKey, digests));
        uint256 nameHead = _nameHeads[nameKey];
        // A new publisher (number 0) has no release under any name, so the check never needs its number.
        bool anchorInClaimMap =
            _checkNotPublished(publisher, account & _WORD32, nameHead, claimKey, digests, listedRoles);

        if (account & _WORD32 == 0) account |= _registerPublisher(publisher);
        id = _releaseId(account & _WORD32, sequence);
        // The release count cannot carry into the nonce (checked above).
        _accounts[publisher] = account + (1 << _RELEASE_COUNT_SHIFT);
        _records[id] = record;
        if (anchorInClaimMap) _latestIdByClaim[claimKey] = id;
        _nameHeads[nameKey] = _appendToName(nameKey, nameHead, claimKey, sequence);
        for (uint256 role; role < _DIGEST_ROLES; ++role) {
            if (listedRoles & (1 << role) != 0) _appendToDigest(publisher, digests[role], claimKey, id);
        }
    }

    /// @dev Gives `publisher` the next publisher number.
    function _registerPublisher(address publisher) private returns (uint256 number) {
        number = _nextPublisherNumber;
        if (number == _WORD32) revert ImageRegistryTooManyPublishers(publisher);
        _nextPublisherNumber = number + 1;
    }

    /// @dev Reverts with `ImageRegistryAlreadyPublished` when a valid release of the same claim (publisher,
    ///      name and digests) exists. Every release can be found from its claim through an anchor: the head
    ///      of a list it was the first entry of (its name's, or one of its digests'; a head keeps its first
    ///      entry's claim tag), or else `_latestIdByClaim`. So a release that will be the first entry of one
    ///      of its lists has no duplicate, and for any other release the heads and the claim map are all
    ///      there is to check. A false tag match needs two claims of the same publisher (the record's
    ///      publisher is compared too) whose keccak256 agree on 96 bits: only that publisher could search
    ///      for one, and only to block itself.
    /// @return firstInNoList True when the release is the first entry of none of its lists, so it must be
    ///         anchored in the claim map.
    function _checkNotPublished(
        address publisher,
        uint256 publisherNumber,
        uint256 nameHead,
        bytes32 claimKey,
        bytes32[4] memory digests,
        uint256 listedRoles
    ) private view returns (bool firstInNoList) {
        if (nameHead & _WORD32 == 0) return false;
        for (uint256 role; role < _DIGEST_ROLES; ++role) {
            if (listedRoles & (1 << role) != 0 && _digestHeads[digests[role]] & _WORD32 == 0) return false;
        }
        if (_sameTag(nameHead, claimKey, _NAME_TAG_SHIFT)) {
            _revertIfValid(_releaseId(publisherNumber, _nameHeadEntry(nameHead, 0)), publisher);
        }
        for (uint256 role; role < _DIGEST_ROLES; ++role) {
            if (listedRoles & (1 << role) == 0) continue;
            uint256 digestHead = _digestHeads[digests[role]];
            if (_sameTag(digestHead, claimKey, _DIGEST_TAG_SHIFT)) {
                _revertIfValid(_digestHeadEntry(digestHead, 0), publisher);
            }
        }
        uint256 latestId = _latestIdByClaim[claimKey];
        if (latestId != 0) _revertIfValid(latestId, publisher);
        return true;
    }

    function _revertIfValid(uint256 id, address publisher) private view {
        uint256 record = _records[id];
        if (address(uint160(record)) == publisher && _isValid(record, _signers[id])) {
            revert ImageRegistryAlreadyPublished(id);
        }
    }

    /// @return The name list head with the release appended.
    function _appendToName(bytes32 nameKey, uint256 head, bytes32 claimKey, uint256 sequence)
        private
        returns (uint256)
    {
        uint256 position = head & _WORD32;
        if (position == 0) head |= _tagOf(claimKey, _NAME_TAG_SHIFT);
        if (position < _NAME_HEAD_SEQUENCES) {
            head |= sequence << (_HEAD_ENTRIES_SHIFT + _SEQUENCE_BITS * position);
        } else {
            uint256 tailPosition = position - _NAME_HEAD_SEQUENCES;
            _nameTails[nameKey][tailPosition / _NAME_SEQUENCES_PER_WORD] |=
                sequence << (_SEQUENCE_BITS * (tailPosition % _NAME_SEQUENCES_PER_WORD));
        }
        // The count cannot carry: a name's releases are some of its publisher's, fewer than 2^32 - 1.
        return head + 1;
    }

    /// @dev Appends to the digest's list and, past its head, to the publisher's own list of the digest.
    function _appendToDigest(address publisher, bytes32 digest, bytes32 claimKey, uint256 id) private {
        uint256 head = _digestHeads[digest];
        uint256 position = head & _WORD32;
        if (position == _WORD32) revert ImageRegistryTooManyReleasesForDigest(digest);
        if (position == 0) head |= _tagOf(claimKey, _DIGEST_TAG_SHIFT);
        if (position < _DIGEST_HEAD_IDS) {
            head |= id << (_HEAD_ENTRIES_SHIFT + _DIGEST_ID_BITS * position);
        } else {
            uint256 tailPosition = position - _DIGEST_HEAD_IDS;
            _digestTails[digest][tailPosition / _DIGEST_IDS_PER_WORD] |=
                id << (_DIGEST_ID_BITS * (tailPosition % _DIGEST_IDS_PER_WORD));
            _appendToPublisherDigest(_publisherDigestKey(publisher, digest), id & _WORD32);
        }
        _digestHeads[digest] = head + 1;
    }

    function _appendToPublisherDigest(bytes32 key, uint256 sequence) private {
        uint256 head = _publisherDigestHeads[key];
        // The count cannot carry: these are some of one publisher's releases, fewer than 2^32 - 1.
        uint256 position = head & _WORD32;
        if (position < _PUBLISHER_DIGEST_HEAD_SEQUENCES) {
            head |= sequence << (_HEAD_ENTRIES_SHIFT + _SEQUENCE_BITS * position);
        } else {
            uint256 tailPosition = position - _PUBLISHER_DIGEST_HEAD_SEQUENCES;
            _publisherDigestTails[key][tailPosition / _NAME_SEQUENCES_PER_WORD] |=
                sequence << (_SEQUENCE_BITS * (tailPosition % _NAME_SEQUENCES_PER_WORD));
        }
        _publisherDigestHeads[key] = head + 1;
    }

    /*//////////////////////////////////////////////////////////////
                                 HELPERS
    //////////////////////////////////////////////////////////////*/

    function _currentTimestamp() private view returns (uint256) {
        if (block.timestamp == 0 || block.timestamp > _WORD32) {
            revert ImageRegistryTimestampOutOfRange(block.timestamp);
        }
        return block.timestamp;
    }

    function _currentBlockNumber() private view returns (uint256) {
        if (block.number > _WORD32) revert ImageRegistryBlockNumberOutOfRange(block.number);
        return block.number;
    }

    function _releaseDigest(
        address publisher,
        string calldata name,
        bytes32[4] memory digests,
        uint256 nonce,
        uint256 deadline
    ) private view returns (bytes32) {
        bytes32 structHash =
            keccak256(abi.encode(_RELEASE_TYPEHASH, publisher, keccak256(bytes(name)), digests, nonce, deadline));
        return keccak256(abi.encodePacked("\x19\x01", _domainSeparator(), structHash));
    }

    /// @dev An account without code must give a strict ECDSA signature. An account with code answers
    ///      through EIP-1271, unless the signature is its own key's: an EIP-7702 account has code and a key.
    function _checkSignature(address signer, bytes32 digest, bytes calldata signature) private view {
        if (signer.code.length == 0) {
            address recovered = Signatures.recover(digest, signature);
            // ecrecover answers 0 for a signature that recovers to nobody: it must never pass for signer 0.
            if (recovered == address(0) || recovered != signer) revert ImageRegistryInvalidSigner(recovered, signer);
            return;
        }
        if (Signatures.tryRecover(digest, signature) == signer) return;
        (bool success, bytes memory answer) =
            signer.staticcall(abi.encodeWithSelector(_ERC1271_MAGIC, digest, signature));
        if (!success || answer.length != 32 || bytes32(answer) != bytes32(_ERC1271_MAGIC)) {
            revert ImageRegistryInvalidContractSignature(signer);
        }
    }

    /// @dev Reverts unless `signer` holds a delegation from `publisher` in force whose prefix covers `name`.
    function _checkDelegate(address publisher, address signer, string calldata name) private view {
        DelegationRecord storage record = _delegations[publisher][signer];
        if (record.expiresAt == 0) revert ImageRegistryNotDelegate(publisher, signer);
        if (record.revokedAt != 0) revert ImageRegistryDelegationRevoked(publisher, signer, record.revokedAt);
        if (block.timestamp > record.expiresAt) revert ImageRegistryDelegationExpired(publisher, signer, record.expiresAt);
        string memory prefix = record.namePrefix;
        uint256 length = bytes(prefix).length;
        if (length != 0 && (bytes(name).length < length || keccak256(bytes(name[:length])) != keccak256(bytes(prefix)))) {
            revert ImageRegistryNameOutOfScope(name, prefix);
        }
    }

    function _inForce(DelegationRecord storage record) private view returns (bool) {
        return record.expiresAt != 0 && record.revokedAt == 0 && block.timestamp <= record.expiresAt;
    }

    /// @dev Not revoked and, when a delegate published it, that delegate's grant (the one it published
    ///      under, not an earlier or later one) is still in force.
    function _isValid(uint256 record, address signer) private view returns (bool) {
        if ((record >> _REVOKED_AT_SHIFT) & _WORD32 != 0) return false;
        if (signer == address(0)) return true;
        DelegationRecord storage grant = _delegations[address(uint160(record))][signer];
        return _inForce(grant) && grant.since <= record >> _BLOCK_NUMBER_SHIFT;
    }

    /// @dev Computed on every call (about 200 gas) rather than cached, so a chain fork never sees a stale one.
    function _domainSeparator() private view returns (bytes32) {
        return keccak256(
            abi.encode(
                _DOMAIN_TYPEHASH,
                keccak256(bytes(_DOMAIN_NAME)),
                keccak256(bytes(_DOMAIN_VERSION)),
                block.chainid,
                address(this)
            )
        );
    }

    function _digestsOf(ReleaseInput calldata release) private pure returns (bytes32[4] memory) {
        return [release.imageId, release.manifestDigest, release.indexDigest, release.archiveDigest];
    }

    /// @dev A bit per role whose digest is non-zero and not named by an earlier role: a release that names
    ///      one digest in several roles is listed under it once.
    function _listedRoles(bytes32[4] memory digests) private pure returns (uint256 roles) {
        bytes32 imageId = digests[_IMAGE_ID];
        bytes32 manifestDigest = digests[_MANIFEST_DIGEST];
        bytes32 indexDigest = digests[_INDEX_DIGEST];
        bytes32 archiveDigest = digests[_ARCHIVE_DIGEST];
        if (imageId != 0) roles = 1 << _IMAGE_ID;
        if (manifestDigest != 0 && manifestDigest != imageId) roles |= 1 << _MANIFEST_DIGEST;
        if (indexDigest != 0 && indexDigest != imageId && indexDigest != manifestDigest) {
            roles |= 1 << _INDEX_DIGEST;
        }
        if (
            archiveDigest != 0 && archiveDigest != imageId && archiveDigest != manifestDigest
                && archiveDigest != indexDigest
        ) roles |= 1 << _ARCHIVE_DIGEST;
    }

    function _nameKey(address publisher, bytes32 nameHash) private pure returns (bytes32) {
        return keccak256(abi.encode(publisher, nameHash));
    }

    /// @dev Hashed with a leading 1 so that it never equals a name key of the same publisher.
    function _publisherDigestKey(address publisher, bytes32 digest) private pure returns (bytes32) {
        return keccak256(abi.encode(publisher, digest, 1));
    }

    /// @dev The top bits of `claimKey` from `shift` up, in place.
    function _tagOf(bytes32 claimKey, uint256 shift) private pure returns (uint256) {
        return (uint256(claimKey) >> shift) << shift;
    }

    function _sameTag(uint256 head, bytes32 claimKey, uint256 shift) private pure returns (bool) {
        return (head ^ uint256(claimKey)) >> shift == 0;
    }

    function _releaseId(uint256 publisherNumber, uint256 sequence) private pure returns (uint256) {
        return (publisherNumber << _SEQUENCE_BITS) | sequence;
    }

    function _release(uint256 id) private view returns (Release memory) {
        uint256 record = _records[id];
        address signer = _signers[id];
        return Release({
            id: id,
            publisher: address(uint160(record)),
            signer: signer,
            publishedAt: uint64((record >> _PUBLISHED_AT_SHIFT) & _WORD32),
            revokedAt: uint64((record >> _REVOKED_AT_SHIFT) & _WORD32),
            blockNumber: uint64(record >> _BLOCK_NUMBER_SHIFT),
            valid: record != 0 && _isValid(record, signer)
        });
    }

    function _nameHeadEntry(uint256 head, uint256 position) private pure returns (uint256) {
        return (head >> (_HEAD_ENTRIES_SHIFT + _SEQUENCE_BITS * position)) & _WORD32;
    }

    function _digestHeadEntry(uint256 head, uint256 position) private pure returns (uint256) {
        return (head >> (_HEAD_ENTRIES_SHIFT + _DIGEST_ID_BITS * position)) & _WORD64;
    }

    function _nameListEntry(bytes32 nameKey, uint256 head, uint256 position) private view returns (uint256) {
        if (position < _NAME_HEAD_SEQUENCES) return _nameHeadEntry(head, position);
        uint256 tailPosition = position - _NAME_HEAD_SEQUENCES;
        uint256 word = _nameTails[nameKey][tailPosition / _NAME_SEQUENCES_PER_WORD];
        return (word >> (_SEQUENCE_BITS * (tailPosition % _NAME_SEQUENCES_PER_WORD))) & _WORD32;
    }

    function _publisherDigestEntry(bytes32 key, uint256 head, uint256 position) private view returns (uint256) {
        if (position < _PUBLISHER_DIGEST_HEAD_SEQUENCES) {
            return (head >> (_HEAD_ENTRIES_SHIFT + _SEQUENCE_BITS * position)) & _WORD32;
        }
        uint256 tailPosition = position - _PUBLISHER_DIGEST_HEAD_SEQUENCES;
        uint256 word = _publisherDigestTails[key][tailPosition / _NAME_SEQUENCES_PER_WORD];
        return (word >> (_SEQUENCE_BITS * (tailPosition % _NAME_SEQUENCES_PER_WORD))) & _WORD32;
    }

    function _digestListEntry(bytes32 digest, uint256 head, uint256 position) private view returns (uint256) {
        if (position < _DIGEST_HEAD_IDS) return _digestHeadEntry(head, position);
        uint256 tailPosition = position - _DIGEST_HEAD_IDS;
        uint256 word = _digestTails[digest][tailPosition / _DIGEST_IDS_PER_WORD];
        return (word >> (_DIGEST_ID_BITS * (tailPosition % _DIGEST_IDS_PER_WORD))) & _WORD64;
    }

    /// @dev How many entries a page of `limit` from `offset` holds in a list of `total`.
    function _pageLength(uint256 total, uint256 offset, uint256 limit) private pure returns (uint256) {
        if (offset >= total) return 0;
        uint256 remaining = total - offset;
        return limit < remaining ? limit : remaining;
    }
}
