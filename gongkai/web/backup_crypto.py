"""Encrypted backups: a passphrase, scrypt, and AES-256-GCM over 1 MiB chunks (streamed both ways).

    header   MAGIC | salt (16) | scrypt log2(n), r, p (1+1+1) | nonce prefix (7) | key check (32)
    chunks   AES-GCM(key, nonce = prefix | chunk number (4) | last (1), data, aad = header) ...

Every chunk is authenticated together with the header; the last chunk is marked, so a changed,
removed, reordered or appended chunk and a cut-off file are all refused. The key check (an HMAC
of a fixed text) tells a wrong passphrase from a tampered file.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import struct
from typing import IO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

MAGIC = b"GONGKAI-BACKUP-AESGCM-1\n"
CHUNK = 1 << 20
TAG = 16
SCRYPT_LOG2_N, SCRYPT_R, SCRYPT_P = 15, 8, 1
_HEADER = struct.Struct("16sBBB7s32s")


class DecryptionError(Exception):
    """The archive cannot be decrypted: wrong passphrase, or the file was changed; the message says which."""


def is_encrypted(handle: IO[bytes]) -> bool:
    """Whether the file starts like an encrypted backup (the position is kept)."""
    start = handle.tell()
    try:
        return handle.read(len(MAGIC)) == MAGIC
    finally:
        handle.seek(start)


def _key(passphrase: str, salt: bytes, log2_n: int, r: int, p: int) -> bytes:
    return Scrypt(salt=salt, length=32, n=1 << log2_n, r=r, p=p).derive(passphrase.encode("utf-8"))


def _check(key: bytes) -> bytes:
    return hmac.new(key, b"gongkai backup key check", hashlib.sha256).digest()


def _nonce(prefix: bytes, number: int, last: bool) -> bytes:
    return prefix + struct.pack(">IB", number, 1 if last else 0)


class EncryptingWriter:
    """A write-only file object: what is written to it reaches `out` encrypted. `close()` ends the
    stream (the last chunk); `out` itself stays open."""

    def __init__(self, out: IO[bytes], passphrase: str) -> None:
        salt, prefix = os.urandom(16), os.urandom(7)
        key = _key(passphrase, salt, SCRYPT_LOG2_N, SCRYPT_R, SCRYPT_P)
        self._header = MAGIC + _HEADER.pack(salt, SCRYPT_LOG2_N, SCRYPT_R, SCRYPT_P, prefix, _check(key))
        self._aead, self._prefix, self._out = AESGCM(key), prefix, out
        self._buffer, self._number, self.closed = bytearray(), 0, False
        out.write(self._header)

    def write(self, data: bytes) -> int:
        self._buffer += data
        while len(self._buffer) > CHUNK:  # keep at least one byte back: the last chunk is marked
            self._emit(bytes(self._buffer[:CHUNK]), last=False)
            del self._buffer[:CHUNK]
        return len(data)

    def flush(self) -> None:
        self._out.flush()

    def _emit(self, data: bytes, *, last: bool) -> None:
        if self._number >= 0xFFFFFFFF:
            raise ValueError("backup too large for one encrypted stream")
        self._out.write(self._aead.encrypt(_nonce(self._prefix, self._number, last), data, self._header))
        self._number += 1

    def close(self) -> None:
        if not self.closed:
            self._emit(bytes(self._buffer), last=True)
            self._buffer.clear()
            self.closed = True
            self._out.flush()


def decrypt(source: IO[bytes], out: IO[bytes], passphrase: str) -> None:
    """Decrypt `source` into `out` chunk by chunk; raise DecryptionError on any mismatch."""
    header = source.read(len(MAGIC) + _HEADER.size)
    if len(header) != len(MAGIC) + _HEADER.size or not header.startswith(MAGIC):
        raise DecryptionError("不是 gongkai 加密备份，或文件头已损坏。")
    salt, log2_n, r, p, prefix, check = _HEADER.unpack(header[len(MAGIC):])
    if not (10 <= log2_n <= 20 and 1 <= r <= 32 and 1 <= p <= 16):
        raise DecryptionError("加密备份的文件头已被改动（密钥参数无效）。")
    key = _key(passphrase, salt, log2_n, r, p)
    if not hmac.compare_digest(_check(key), check):
        raise DecryptionError("口令不对（或加密备份的文件头已被改动）。")
    aead, number = AESGCM(key), 0
    block = source.read(CHUNK + TAG)
    while True:
        following = source.read(CHUNK + TAG)
        last = not following
        try:
            out.write(aead.decrypt(_nonce(prefix, number, last), block, header))
        except InvalidTag:
            raise DecryptionError(
                f"加密备份已被改动或不完整（第 {number + 1} 段校验失败），拒绝恢复。"
            ) from None
        if last:
            return
        block, number = following, number + 1
