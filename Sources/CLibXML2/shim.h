// Debian builds libxml2 with ICU; its ICU types clash with Foundation's in one Swift module, and
// Lectern needs no ICU conversion, so the feature macro is dropped before the other headers.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlschemas.h>
#include <libxml/xmlsave.h>

// xmlFree is a global function pointer: reading it from Swift 6 is a concurrency error.
static inline void lectern_xml_free(void *pointer) { xmlFree(pointer); }
