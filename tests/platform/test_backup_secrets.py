"""Secrets at rest (issue 13): backups, the data directory and the SQLite file are owner-only whatever
the umask; `gongkai backup --encrypt` encrypts with a passphrase (scrypt, AES-256-GCM in chunks) and
`gongkai restore` refuses a wrong passphrase and any changed byte."""

from __future__ import annotations

import io
import os
import stat
import zipfile
from pathlib import Path

import pytest

from gongkai.web import backup_crypto
from gongkai.web.backup_crypto import CHUNK, DecryptionError, EncryptingWriter, decrypt
from tests.platform.conftest import subprocess_env
from tests.platform.test_commands import run

PASSPHRASE = "长城 长又长 2024"


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def encrypt(data: bytes, passphrase: str = PASSPHRASE) -> bytes:
    out = io.BytesIO()
    writer = EncryptingWriter(out, passphrase)
    for start in range(0, len(data), 100_000):  # written in pieces, as zipfile does
        writer.write(data[start:start + 100_000])
    writer.close()
    return out.getvalue()


def decrypted(blob: bytes, passphrase: str = PASSPHRASE) -> bytes:
    out = io.BytesIO()
    decrypt(io.BytesIO(blob), out, passphrase)
    return out.getvalue()


@pytest.fixture(scope="module")
def payload() -> bytes:
    return os.urandom(2 * CHUNK + 12_345)  # three chunks, the last one short


@pytest.fixture(scope="module")
def blob(payload: bytes) -> bytes:
    return encrypt(payload)


def test_round_trip_over_several_chunks(payload, blob):
    assert decrypted(blob) == payload
    assert decrypted(encrypt(b"")) == b""
    assert decrypted(encrypt(b"x" * CHUNK)) == b"x" * CHUNK  # exactly one full chunk


def test_the_ciphertext_does_not_show_the_plaintext():
    secret = b"110101199003071234 pbkdf2_sha256$" * 100
    assert secret[:20] not in encrypt(secret)


def test_a_wrong_passphrase_is_refused(blob):
    with pytest.raises(DecryptionError, match="口令不对"):
        decrypted(blob, "另一个口令 another")


@pytest.mark.parametrize(
    "where", [len(backup_crypto.MAGIC) + 2, len(backup_crypto.MAGIC) + 20, 200, CHUNK + 500, -1]
)
def test_a_changed_byte_anywhere_is_refused(blob, where):
    """The salt, the nonce prefix, a byte of the first, middle or last chunk, the last tag."""
    damaged = bytearray(blob)
    damaged[where] ^= 0x01
    with pytest.raises(DecryptionError):
        decrypted(bytes(damaged))


def test_a_cut_reordered_or_extended_stream_is_refused(blob):
    header = len(backup_crypto.MAGIC) + backup_crypto._HEADER.size
    one = CHUNK + backup_crypto.TAG
    first, second, rest = blob[header:header + one], blob[header + one:header + 2 * one], blob[header + 2 * one:]
    for changed in (
        blob[:header + 2 * one],  # the last chunk removed: the new end is not marked as the end
        blob[:-1],  # cut inside the last chunk
        blob[:header] + second + first + rest,  # two chunks swapped
        blob + blob[header:header + one],  # a chunk appended
    ):
        with pytest.raises(DecryptionError, match="已被改动或不完整"):
            decrypted(changed)


def test_backup_and_database_are_owner_only_and_an_encrypted_backup_round_trips(tmp_path, new_database):
    source_dir = tmp_path / "source"
    sqlite = new_database().startswith("sqlite")
    source_url = f"sqlite:///{source_dir / 'gongkai.sqlite3'}" if sqlite else new_database()
    source_env = subprocess_env(source_dir, source_url)
    previous = os.umask(0o022)  # the usual umask: without care every file would be 0644
    try:
        run(["demo", "--no-serve"], source_env, tmp_path)
        plain = tmp_path / "plain.zip"
        run(["backup", "-o", str(plain)], source_env, tmp_path)
        sealed = tmp_path / "sealed.zip.enc"
        with_passphrase = {**source_env, "GONGKAI_BACKUP_PASSPHRASE": PASSPHRASE}
        result = run(["backup", "--encrypt", "-o", str(sealed)], with_passphrase, tmp_path)
        default = run(["backup"], source_env, tmp_path)
    finally:
        os.umask(previous)
    assert "已加密备份" in result.stdout
    assert mode(plain) == 0o600 and mode(sealed) == 0o600 and mode(source_dir) == 0o700
    [made] = (source_dir / "backups").iterdir()
    assert str(made) in default.stdout and mode(made) == 0o600 and mode(source_dir / "backups") == 0o700
    if sqlite:
        assert mode(source_dir / "gongkai.sqlite3") == 0o600
    with zipfile.ZipFile(plain) as archive:
        assert "manifest.json" in archive.namelist()
    assert not zipfile.is_zipfile(sealed) and b"dazhai_handler" not in sealed.read_bytes()

    passphrase_file = tmp_path / "passphrase"
    passphrase_file.write_text(PASSPHRASE + "\n", encoding="utf-8")
    wrong_file = tmp_path / "wrong"
    wrong_file.write_text("不是这个口令 not this one\n", encoding="utf-8")
    damaged = tmp_path / "damaged.zip.enc"
    content = bytearray(sealed.read_bytes())
    content[len(content) // 2] ^= 0x40
    damaged.write_bytes(bytes(content))

    target_env = subprocess_env(tmp_path / "target", new_database())
    refused = run(["restore", str(sealed)], target_env, tmp_path, ok=False)
    assert refused.returncode == 1 and "需要备份口令" in refused.stderr
    refused = run(["restore", str(sealed), "--passphrase-file", str(wrong_file)], target_env, tmp_path, ok=False)
    assert refused.returncode == 1 and "口令不对" in refused.stderr
    refused = run(["restore", str(damaged), "--passphrase-file", str(passphrase_file)], target_env, tmp_path, ok=False)
    assert refused.returncode == 1 and "已被改动" in refused.stderr

    restored = run(["restore", str(sealed), "--passphrase-file", str(passphrase_file)], target_env, tmp_path)
    assert "校验无误" in restored.stdout
    assert "审计日志完整" in run(["audit", "verify"], target_env, tmp_path).stdout


def test_an_encrypted_backup_needs_a_long_enough_passphrase(tmp_path, new_database):
    env = {**subprocess_env(tmp_path / "data", new_database()), "GONGKAI_BACKUP_PASSPHRASE": "short"}
    refused = run(["backup", "--encrypt", "-o", str(tmp_path / "x.enc")], env, tmp_path, ok=False)
    assert refused.returncode == 2 and "口令太短" in refused.stderr
    assert not (tmp_path / "x.enc").exists()
