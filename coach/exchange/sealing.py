"""Sealing a file to one therapist: X25519 keys and libsodium's sealed box (via PyNaCl).

A sealed box encrypts to a public key with a fresh sender key pair each time, and authenticates
the whole ciphertext (XSalsa20-Poly1305): only the holder of the private key can open it, and a
single changed byte makes opening fail. The patient's Coach needs nothing but the therapist's
public key (from the programme file), so the patient handles no password. Nothing here is
hand-rolled: key generation, sealing and opening are libsodium's.

The fingerprint is what two people compare over the phone: the first 80 bits of the BLAKE2b
hash of the public key, as five groups of four hex digits ("3f2a-9c01-b7de-1122-aabb").

libsodium is loaded on first use, inside the functions that need it: programme files carry and
read keys without it, so importing them (at every start) stays as quick as before.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
from dataclasses import dataclass

from coach.domain.errors import UserError

KEY_BYTES = 32  # an X25519 key, public or private
FINGERPRINT_BITS = 80
FINGERPRINT_GROUP = 4


class BadKeyError(UserError, ValueError):
    """A key in a file or in the data folder is not a usable X25519 key."""

    title = "This key cannot be used"


class UnsealError(UserError, ValueError):
    """A sealed payload did not open with this key: another recipient's, or changed."""

    title = "This file cannot be opened"


@dataclass(frozen=True)
class KeyPair:
    private: bytes
    public: bytes

    @classmethod
    def generate(cls) -> KeyPair:
        from nacl.public import PrivateKey

        made = PrivateKey.generate()
        return cls(bytes(made), bytes(made.public_key))

    @classmethod
    def from_private(cls, private: bytes) -> KeyPair:
        if len(private) != KEY_BYTES:
            raise BadKeyError(f"A private key is {KEY_BYTES} bytes, not {len(private)}.")
        from nacl.public import PrivateKey

        key = PrivateKey(private)
        return cls(private, bytes(key.public_key))

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.public)


def fingerprint(public: bytes) -> str:
    """The short, readable name of a public key (see the module docstring)."""
    digest = hashlib.blake2b(public, digest_size=FINGERPRINT_BITS // 8).hexdigest()
    return "-".join(
        digest[i : i + FINGERPRINT_GROUP] for i in range(0, len(digest), FINGERPRINT_GROUP)
    )


def encode_key(key: bytes) -> str:
    return base64.b64encode(key).decode("ascii")


def decode_key(text: str) -> bytes:
    """A base64 X25519 key as files carry it; refuses anything but exactly 32 canonical bytes."""
    raw = canonical_b64decode(text)
    if raw is None or len(raw) != KEY_BYTES:
        raise BadKeyError("The key is not a 32-byte X25519 key written in base64.")
    return raw


def canonical_b64decode(text: str) -> bytes | None:
    """Strict base64, or None: no line breaks or stray characters, and no spare bits set, so
    that exactly one text stands for each byte string (a flipped character never decodes to
    the same bytes)."""
    try:
        raw = base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        return None
    return raw if base64.b64encode(raw).decode("ascii") == text else None


def seal(plaintext: bytes, public: bytes) -> bytes:
    from nacl.public import PublicKey, SealedBox

    return bytes(SealedBox(PublicKey(public)).encrypt(plaintext))


def unseal(sealed: bytes, keys: KeyPair) -> bytes:
    """Open a sealed box; UnsealError when it was not sealed to `keys` or was changed."""
    from nacl.bindings import crypto_box_SEALBYTES  # the one-time sender key and the tag
    from nacl.exceptions import CryptoError
    from nacl.public import PrivateKey, SealedBox

    if len(sealed) < crypto_box_SEALBYTES:
        raise UnsealError("The file is cut short: its sealed part is incomplete.")
    try:
        return bytes(SealedBox(PrivateKey(keys.private)).decrypt(sealed))
    except CryptoError:
        raise UnsealError(
            "The file's sealed part does not open with your key: it was changed or damaged "
            "after it was written."
        ) from None
