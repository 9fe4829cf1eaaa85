#!/usr/bin/env bash
# Generates the TEST-ONLY certificates and private keys in vectors/keys/.
#
# Run once by hand; the outputs are committed and are NOT regenerated in CI (every run makes new
# random keys, so fingerprints, signatures and every hard-coded expectation in test/x509 would
# change). If you do re-run it, update the expected values in test/x509/*.test.ts and
# vectors/keys/README.md.
#
# Uses `openssl ca` (not `req -x509`) because OpenSSL 3.0's `req`/`x509` cannot set fixed
# notBefore/notAfter dates, and `ca -preserveDN` keeps the subject in exactly the DER order given by
# `-subj` (needed to exercise the CUCM fixed-order name string, format.md §4.3).
#
# Tested with OpenSSL 3.0.19.
set -euo pipefail

OUT="$(cd "$(dirname "$0")/.." && pwd)/vectors/keys"
PASS='test-password'
START='20200101000000Z'
END='20491231235959Z'

mkdir -p "$OUT"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

cat >"$WORK/ca.cnf" <<EOF
[ ca ]
default_ca = testca

[ testca ]
dir            = $WORK
database       = \$dir/index.txt
new_certs_dir  = \$dir/new
serial         = \$dir/serial
policy         = policy_any
unique_subject = no
email_in_dn    = yes
default_md     = sha256

[ policy_any ]
commonName = optional

[ req ]
distinguished_name = req_dn
string_mask        = utf8only
utf8               = yes
[ req_dn ]

[ ext_selfsigned ]
basicConstraints       = critical, CA:TRUE
keyUsage               = critical, digitalSignature, keyEncipherment, keyCertSign
subjectKeyIdentifier   = hash
authorityKeyIdentifier = keyid:always

[ ext_leaf ]
basicConstraints       = critical, CA:FALSE
keyUsage               = critical, digitalSignature, keyEncipherment
extendedKeyUsage       = serverAuth, clientAuth
subjectKeyIdentifier   = hash
authorityKeyIdentifier = keyid:always
EOF

# genkey NAME ALGO-SPEC  ->  NAME.key.pem (PKCS#8, unencrypted)
genkey() {
  local name="$1" spec="$2"
  case "$spec" in
    rsa*) openssl genpkey -quiet -algorithm RSA -pkeyopt "rsa_keygen_bits:${spec#rsa}" -out "$OUT/$name.key.pem" ;;
    ec*)  openssl genpkey -quiet -algorithm EC -pkeyopt "ec_paramgen_curve:${spec#ec}" \
            -pkeyopt ec_param_enc:named_curve -out "$OUT/$name.key.pem" ;;
  esac
}

# sign NAME SUBJECT SERIAL-HEX MD EXT [ISSUER-NAME]  ->  NAME.cert.pem, NAME.cert.der
sign() {
  local name="$1" subj="$2" serial="$3" md="$4" ext="$5" issuer="${6:-}"
  rm -rf "$WORK/new" "$WORK/index.txt"*; mkdir -p "$WORK/new"; : >"$WORK/index.txt"
  echo "$serial" >"$WORK/serial"
  openssl req -new -config "$WORK/ca.cnf" -key "$OUT/$name.key.pem" -subj "$subj" -out "$WORK/$name.csr"
  if [ -z "$issuer" ]; then
    openssl ca -batch -config "$WORK/ca.cnf" -selfsign -keyfile "$OUT/$name.key.pem" \
      -in "$WORK/$name.csr" -out "$OUT/$name.cert.pem" -startdate "$START" -enddate "$END" \
      -preserveDN -md "$md" -extensions "$ext" -notext 2>/dev/null
  else
    openssl ca -batch -config "$WORK/ca.cnf" -cert "$OUT/$issuer.cert.pem" -keyfile "$OUT/$issuer.key.pem" \
      -in "$WORK/$name.csr" -out "$OUT/$name.cert.pem" -startdate "$START" -enddate "$END" \
      -preserveDN -md "$md" -extensions "$ext" -notext 2>/dev/null
  fi
  openssl x509 -in "$OUT/$name.cert.pem" -outform DER -out "$OUT/$name.cert.der"
}

# ---- cluster A --------------------------------------------------------------------------------
# ITLRecovery-like, RSA 2048. Subject DER order C, ST, L, O, OU, CN (not CN first) and a serial
# with the high bit set (DER has a 00 sign byte; format.md §4.4 uses this very serial).
genkey rsa2048-a rsa2048
sign rsa2048-a '/C=US/ST=CA/L=SJ/O=itl-codec test/OU=TEST ONLY/CN=ITLRECOVERY_test-a-pub' \
  81A3951A5C4C1C9B7EB4B4F00B8D6E38 sha256 ext_selfsigned

# CallManager-like, RSA 1024, SHA-1 signed like old CUCM certificates; CN-first order.
genkey rsa1024-a rsa1024
sign rsa1024-a '/CN=cucm-test-a-pub/OU=TEST ONLY/O=itl-codec test/L=SJ/ST=CA/C=US' \
  0123456789ABCDEF sha1 ext_selfsigned

# CAPF-like, RSA 4096, in the DER order of the real CUCM CAPF certificate (C, O, OU, CN, ST, L).
genkey rsa4096-a rsa4096
sign rsa4096-a '/C=US/O=itl-codec test/OU=TEST ONLY/CN=CAPF-test-a/ST=CA/L=SJ' \
  7E5A0C3D sha256 ext_selfsigned

# CallManager-ECDSA-like, P-256: two OUs, a comma in O, and an emailAddress attribute.
genkey ec256-a ecP-256
sign ec256-a '/CN=cucm-test-a-pub-EC/OU=TEST ONLY/OU=second OU/O=itl-codec test, Inc./L=SJ/ST=CA/C=US/emailAddress=test@example.invalid' \
  00C0FFEE sha256 ext_selfsigned

genkey ec384-a ecP-384
sign ec384-a '/CN=tvs-test-a-EC384/OU=TEST ONLY/O=itl-codec test/C=US' 0384 sha384 ext_selfsigned

genkey ec521-a ecP-521
sign ec521-a '/CN=tvs-test-a-EC521/OU=TEST ONLY/O=itl-codec test/C=US' 0521 sha512 ext_selfsigned

# A CA and a leaf it signed (issuer != subject).
genkey ca-a rsa2048
sign ca-a '/C=US/O=itl-codec test/OU=TEST ONLY/CN=itl-codec test CA A' 0CA0 sha256 ext_selfsigned
genkey leaf-a rsa2048
sign leaf-a '/CN=tomcat-test-a-pub/OU=TEST ONLY/O=itl-codec test/L=SJ/ST=CA/C=US' \
  D1E2F3A4B5C6 sha256 ext_leaf ca-a

# Awkward names: a multi-valued RDN (CN+UID), RFC 4514 specials, leading '#', leading and trailing
# spaces, non-ASCII UTF-8, and a street attribute (written as a dotted OID by neither style, but
# with different short names: certutils `STREET`, OpenSSL `street`).
genkey names-a ecP-256
sign names-a '/C=US/O=itl-codec test/OU=TEST ONLY/CN=#names test+UID=multi valued/OU=a\+b,c;d<e>f"g\\h/L= lead and trail /street=Ünïcödé Straße' \
  4E414D45 sha256 ext_selfsigned

# ---- cluster B (for migration tests) -----------------------------------------------------------
genkey rsa2048-b rsa2048
sign rsa2048-b '/C=US/ST=CA/L=SJ/O=itl-codec test/OU=TEST ONLY/CN=ITLRECOVERY_test-b-pub' \
  2B2B2B2B sha256 ext_selfsigned
genkey rsa1024-b rsa1024
sign rsa1024-b '/CN=cucm-test-b-pub/OU=TEST ONLY/O=itl-codec test/L=SJ/ST=CA/C=US' \
  0B0B0B0B sha256 ext_selfsigned
genkey ec256-b ecP-256
sign ec256-b '/CN=cucm-test-b-pub-EC/OU=TEST ONLY/O=itl-codec test/C=US' 0EC0B0 sha256 ext_selfsigned

# ---- key file variants -------------------------------------------------------------------------
# PKCS#1 ("BEGIN RSA PRIVATE KEY")
openssl rsa -in "$OUT/rsa2048-a.key.pem" -traditional -out "$OUT/rsa2048-a.pkcs1.pem" 2>/dev/null
openssl rsa -in "$OUT/rsa1024-a.key.pem" -traditional -out "$OUT/rsa1024-a.pkcs1.pem" 2>/dev/null
# SEC1 ("BEGIN EC PRIVATE KEY"), with and without the public point
openssl ec -in "$OUT/ec256-a.key.pem" -out "$OUT/ec256-a.sec1.pem" 2>/dev/null
openssl ec -in "$OUT/ec256-a.key.pem" -no_public -out "$OUT/ec256-a.sec1-nopub.pem" 2>/dev/null
# key + certificate in one PEM (key first for RSA, certificate first for EC)
cat "$OUT/rsa2048-a.key.pem" "$OUT/rsa2048-a.cert.pem" >"$OUT/rsa2048-a.combined.pem"
cat "$OUT/ec256-a.cert.pem" "$OUT/ec256-a.key.pem" >"$OUT/ec256-a.combined.pem"
# encrypted PKCS#8 (OpenSSL 3 default: PBES2, PBKDF2 with hmacWithSHA256, AES-256-CBC)
openssl pkcs8 -topk8 -in "$OUT/rsa2048-a.key.pem" -passout "pass:$PASS" -out "$OUT/rsa2048-a.enc.pem"
openssl pkcs8 -topk8 -in "$OUT/ec256-a.key.pem" -passout "pass:$PASS" -out "$OUT/ec256-a.enc.pem"
# PKCS#12 (OpenSSL 3 default: PBES2/PBKDF2/AES-256-CBC for key and certificates, HMAC-SHA256 MAC)
openssl pkcs12 -export -inkey "$OUT/rsa2048-a.key.pem" -in "$OUT/rsa2048-a.cert.pem" \
  -name 'rsa2048-a TEST ONLY' -passout "pass:$PASS" -out "$OUT/rsa2048-a.p12"
openssl pkcs12 -export -inkey "$OUT/ec256-a.key.pem" -in "$OUT/ec256-a.cert.pem" \
  -name 'ec256-a TEST ONLY' -passout "pass:$PASS" -out "$OUT/ec256-a.p12"
# leaf + its CA in one PKCS#12 (the signer certificate is the one matching the key, not the first)
openssl pkcs12 -export -inkey "$OUT/leaf-a.key.pem" -in "$OUT/leaf-a.cert.pem" -certfile "$OUT/ca-a.cert.pem" \
  -name 'leaf-a TEST ONLY' -passout "pass:$PASS" -out "$OUT/leaf-a.p12"
# PKCS#12 with an empty password (`-passout pass:`): loads without a password option
openssl pkcs12 -export -inkey "$OUT/rsa1024-a.key.pem" -in "$OUT/rsa1024-a.cert.pem" \
  -name 'rsa1024-a TEST ONLY empty password' -passout pass: -out "$OUT/rsa1024-a.nopass.p12"
# legacy PKCS#12 (pbeWithSHAAnd3-KeyTripleDES-CBC, SHA-1 MAC): expected to be rejected by name
openssl pkcs12 -export -inkey "$OUT/rsa2048-a.key.pem" -in "$OUT/rsa2048-a.cert.pem" \
  -keypbe PBE-SHA1-3DES -certpbe PBE-SHA1-3DES -macalg sha1 \
  -name 'rsa2048-a TEST ONLY legacy' -passout "pass:$PASS" -out "$OUT/rsa2048-a.legacy.p12"
# DER keys (binary input detection). Note: OpenSSL 3.0 `pkey -outform DER` writes PKCS#1 for RSA,
# so PKCS#8 DER comes from `pkcs8 -topk8 -nocrypt`.
openssl pkcs8 -topk8 -nocrypt -in "$OUT/rsa2048-a.key.pem" -outform DER -out "$OUT/rsa2048-a.key.der"
openssl rsa -in "$OUT/rsa2048-a.key.pem" -traditional -outform DER -out "$OUT/rsa2048-a.pkcs1.der" 2>/dev/null

echo "wrote $(ls "$OUT" | wc -l) files to $OUT"
