#!/usr/bin/env python3
"""Validates bundles with tools that share no code with Anyqtama.

For each ZIP given: unpack it into a temporary folder, validate the bag with the Library of
Congress's `bagit` package (RFC 8493: manifests, tag manifest, Payload-Oxum), and verify
signature.jws with `jwcrypto` as a detached JWS with an unencoded payload (RFC 7515 + 7797,
ES256) over the bytes of tagmanifest-sha256.txt, with the key of its protected header.

Then the negative checks, on tampered copies: one byte of a document changed must fail the bag's
validation; one byte of the tag manifest changed must fail both the bag and the signature.

    .tools/venv/bin/python tests/bundle/validate.py tests/fixtures/bundles/*.zip

Prints one line per bundle and ends with "N passed, M failed"; exit status 1 on any failure.
"""

import json
import logging
import os
import shutil
import sys
import tempfile
import zipfile

import bagit
from jwcrypto import jwk, jws
from jwcrypto.common import base64url_decode

EXPECTED_HEADER = {"alg": "ES256", "b64": False, "crit": ["b64"]}


def unpack(bundle, into):
    with zipfile.ZipFile(bundle) as z:
        for name in z.namelist():
            # zipfile would sanitise a hostile name; refuse it instead, so nothing is hidden.
            if name.startswith("/") or ".." in name.split("/") or "\\" in name:
                raise ValueError(f"unsafe name in the ZIP: {name!r}")
        z.extractall(into)


def bag_errors(folder):
    """None when the bag is valid, else the reason."""
    try:
        bagit.Bag(folder).validate()
        return None
    except bagit.BagError as e:  # BagValidationError is a BagError
        return str(e)


def signature_errors(folder):
    """None when signature.jws verifies over tagmanifest-sha256.txt, else the reason."""
    try:
        with open(os.path.join(folder, "signature.jws"), encoding="ascii") as f:
            compact = f.read()
        with open(os.path.join(folder, "tagmanifest-sha256.txt"), "rb") as f:
            payload = f.read()
        header = json.loads(base64url_decode(compact.split(".")[0]))
        for k, v in EXPECTED_HEADER.items():
            if header.get(k) != v:
                return f"protected header: {k} is {header.get(k)!r}, expected {v!r}"
        key = jwk.JWK(**header["jwk"])
        if key.has_private:
            return "the header carries a private key"
        token = jws.JWS()
        token.deserialize(compact)
        token.verify(key, alg="ES256", detached_payload=payload)
        return None
    except Exception as e:  # jwcrypto raises several kinds; any is a failure here
        return f"{type(e).__name__}: {e}"


def flip(path, at=None):
    with open(path, "r+b") as f:
        data = bytearray(f.read())
        i = len(data) // 2 if at is None else at
        data[i] ^= 0x01
        f.seek(0)
        f.write(data)


def check(bundle):
    problems = []
    with tempfile.TemporaryDirectory() as tmp:
        good = os.path.join(tmp, "bag")
        unpack(bundle, good)
        if (e := bag_errors(good)) is not None:
            problems.append(f"bagit: {e}")
        if (e := signature_errors(good)) is not None:
            problems.append(f"jwcrypto: {e}")

        # A document changed: the bag must fail.
        docs = []
        for root, _, files in os.walk(os.path.join(good, "data", "documents")):
            docs += [os.path.join(root, f) for f in files]
        if docs:
            bad = os.path.join(tmp, "bad-document")
            shutil.copytree(good, bad)
            flip(os.path.join(bad, os.path.relpath(sorted(docs)[0], good)))
            if bag_errors(bad) is None:
                problems.append("bagit accepted a changed document")

        # The tag manifest changed (one hex digit of its first line): both must fail.
        bad = os.path.join(tmp, "bad-tagmanifest")
        shutil.copytree(good, bad)
        flip(os.path.join(bad, "tagmanifest-sha256.txt"), at=0)
        if bag_errors(bad) is None:
            problems.append("bagit accepted a changed tag manifest")
        if signature_errors(bad) is None:
            problems.append("jwcrypto accepted a signature over a changed tag manifest")
    return problems


def main(paths):
    logging.getLogger("bagit").setLevel(logging.ERROR)
    if not paths:
        print("usage: validate.py BUNDLE.zip…", file=sys.stderr)
        return 2
    passed = failed = 0
    for path in paths:
        try:
            problems = check(path)
        except Exception as e:  # an unreadable bundle is a failure, not a crash
            problems = [f"{type(e).__name__}: {e}"]
        if problems:
            failed += 1
            print(f"FAIL {path}")
            for p in problems:
                print(f"  - {p}")
        else:
            passed += 1
            print(f"ok   {path}: bagit valid, jwcrypto verified, tampered copies refused")
    print(f"{passed} passed, {failed} failed")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
