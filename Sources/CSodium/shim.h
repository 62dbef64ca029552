#include <sodium.h>

// Limits of the INTERACTIVE argon2id profile, exposed as functions (the macros expand to expressions
// Swift does not import).
static inline unsigned long long lectern_pwhash_opslimit(void) { return crypto_pwhash_OPSLIMIT_INTERACTIVE; }
static inline size_t lectern_pwhash_memlimit(void) { return crypto_pwhash_MEMLIMIT_INTERACTIVE; }
