#ifndef ALTINN_SYNC_COPENSSL_SHIM_H
#define ALTINN_SYNC_COPENSSL_SHIM_H

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>
#include <openssl/pem.h>
#include <openssl/pkcs12.h>
#include <openssl/provider.h>
#include <openssl/rand.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

#include <string.h>

/* Macros and variadic-free wrappers Swift cannot import directly. */

static inline void copenssl_free(void *pointer) { OPENSSL_free(pointer); }

static inline long copenssl_bio_get_mem_data(BIO *bio, char **data) { return BIO_get_mem_data(bio, data); }

static inline int copenssl_init_no_atexit(void) {
    return OPENSSL_init_crypto(OPENSSL_INIT_NO_ATEXIT, NULL);
}

static inline void copenssl_x509_stack_free(STACK_OF(X509) *stack) { sk_X509_pop_free(stack, X509_free); }
static inline int copenssl_x509_stack_count(const STACK_OF(X509) *stack) { return sk_X509_num(stack); }
static inline X509 *copenssl_x509_stack_value(const STACK_OF(X509) *stack, int index) {
    return sk_X509_value(stack, index);
}

/* Key selections and name-printing flags: composite macros Swift does not import. */

static inline int copenssl_evp_pkey_keypair(void) { return EVP_PKEY_KEYPAIR; }
static inline int copenssl_evp_pkey_public_key(void) { return EVP_PKEY_PUBLIC_KEY; }
/* RFC 2253 names with UTF-8 kept as is (not escaped as \C3\B8), for messages a person reads. */
static inline unsigned long copenssl_xn_flag_rfc2253_utf8(void) { return XN_FLAG_RFC2253 & ~ASN1_STRFLGS_ESC_MSB; }

static inline int copenssl_err_get_lib(unsigned long code) { return ERR_GET_LIB(code); }
static inline int copenssl_err_get_reason(unsigned long code) { return ERR_GET_REASON(code); }

/* Passphrases are handed to OpenSSL through this callback only, so that OpenSSL never falls back to
   prompting on a terminal: without a passphrase (NULL), decryption fails instead. */
static inline int copenssl_passphrase_callback(char *buffer, int size, int rwflag, void *userdata) {
    (void)rwflag;
    if (userdata == NULL || size <= 0) return -1;
    const char *passphrase = (const char *)userdata;
    size_t length = strlen(passphrase);
    if (length > (size_t)size) return -1;
    memcpy(buffer, passphrase, length);
    return (int)length;
}

static inline EVP_PKEY *copenssl_pem_read_private_key(BIO *bio, const char *passphrase) {
    return PEM_read_bio_PrivateKey(bio, NULL, copenssl_passphrase_callback, (void *)passphrase);
}

#endif
