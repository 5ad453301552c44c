/* DL503's search for runs written twice back to back, in C: the compiled twin of dl503_duplicated_passage._Starts.

   starts(text, min_run, max_run, lo, hi) -> list of int: every p, in order, where a run of min_run..max_run
   characters starting with a character in lo..hi is written twice back to back, that is where the pattern
   _CANDIDATE, (?s)([lo-hi].{min_run-1,max_run-1}?)\1, matches.  The rule then applies its own conditions at
   those places.  The Python _Starts is the definition; tests/test_dl503_starts.py holds the two (and the
   pattern) to the same places.

   Linear: a window of counts slides over the text, so that a place is looked at only where its character may
   occur again min_run..max_run later; there at most max_run - min_run + 1 lengths are tried, each a
   one-character test and, where that character repeats, one memcmp of at most max_run characters. */
#include "../source/_compiled.h"
#include <string.h>

#define WINDOW_BUCKETS 1024
#define MAX_RUN_LIMIT 4096 /* a window's count per bucket stays within an unsigned short */

/* The scan, once per width of character (the text's kind).  Returns -1 with an exception set on failure.
   counts[c % WINDOW_BUCKETS]: how many characters of the window text[p + min_run .. p + max_run] fall in each
   bucket.  A place p is looked at only where text[p]'s bucket is not empty: where text[p] may occur again
   min_run..max_run later (a run written twice repeats its first character L later). */
#define DEFINE_SCAN(NAME, T)                                                                                  \
    static int NAME(const T *s, Py_ssize_t n, Py_ssize_t min_run, Py_ssize_t max_run, unsigned long lo,      \
                    unsigned long hi, PyObject *out) {                                                        \
        unsigned short counts[WINDOW_BUCKETS];                                                                \
        memset(counts, 0, sizeof counts);                                                                     \
        for (Py_ssize_t j = min_run; j <= max_run && j < n; j++)                                              \
            counts[s[j] % WINDOW_BUCKETS]++;                                                                  \
        for (Py_ssize_t p = 0; p + 2 * min_run <= n; p++) {                                                   \
            if (p > 0) { /* the window slides: text[p - 1 + min_run] leaves, text[p + max_run] comes in */   \
                counts[s[p - 1 + min_run] % WINDOW_BUCKETS]--;                                                \
                if (p + max_run < n)                                                                          \
                    counts[s[p + max_run] % WINDOW_BUCKETS]++;                                                \
            }                                                                                                 \
            T ch = s[p];                                                                                      \
            if (ch < lo || ch > hi || counts[ch % WINDOW_BUCKETS] == 0)                                       \
                continue;                                                                                     \
            Py_ssize_t top = (n - p) / 2;                                                                     \
            if (top > max_run)                                                                                \
                top = max_run;                                                                                \
            for (Py_ssize_t L = min_run; L <= top; L++) {                                                     \
                if (s[p + L] == ch && memcmp(s + p, s + p + L, (size_t)L * sizeof(T)) == 0) {                 \
                    PyObject *v = PyLong_FromSsize_t(p);                                                      \
                    if (v == NULL || PyList_Append(out, v) < 0) {                                             \
                        Py_XDECREF(v);                                                                        \
                        return -1;                                                                            \
                    }                                                                                         \
                    Py_DECREF(v);                                                                             \
                    break;                                                                                    \
                }                                                                                             \
            }                                                                                                 \
        }                                                                                                     \
        return 0;                                                                                             \
    }

DEFINE_SCAN(scan_ucs1, Py_UCS1)
DEFINE_SCAN(scan_ucs2, Py_UCS2)
DEFINE_SCAN(scan_ucs4, Py_UCS4)

static PyObject *starts(PyObject *self, PyObject *args) {
    PyObject *text;
    Py_ssize_t min_run, max_run, lo_arg, hi_arg;
    (void)self;
    if (!PyArg_ParseTuple(args, "Unnnn", &text, &min_run, &max_run, &lo_arg, &hi_arg))
        return NULL;
    if (min_run < 1 || max_run < min_run || max_run > MAX_RUN_LIMIT) {
        PyErr_SetString(PyExc_ValueError, "starts: need 1 <= min_run <= max_run <= 4096");
        return NULL;
    }
    if (lo_arg < 0 || hi_arg < 0 || lo_arg > 0x10FFFF || hi_arg > 0x10FFFF) {
        PyErr_SetString(PyExc_ValueError, "starts: lo and hi are code points (0 to 0x10FFFF)");
        return NULL;
    }
    unsigned long lo = (unsigned long)lo_arg, hi = (unsigned long)hi_arg;
    PyObject *out = PyList_New(0);
    if (out == NULL)
        return NULL;
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    if (lo > hi || PyUnicode_MAX_CHAR_VALUE(text) < lo)
        return out; /* no character can start a run */
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    int failed;
    if (kind == PyUnicode_1BYTE_KIND)
        failed = scan_ucs1((const Py_UCS1 *)data, n, min_run, max_run, lo, hi, out);
    else if (kind == PyUnicode_2BYTE_KIND)
        failed = scan_ucs2((const Py_UCS2 *)data, n, min_run, max_run, lo, hi, out);
    else
        failed = scan_ucs4((const Py_UCS4 *)data, n, min_run, max_run, lo, hi, out);
    if (failed) {
        Py_DECREF(out);
        return NULL;
    }
    return out;
}

static PyMethodDef methods[] = {
    {"starts", starts, METH_VARARGS,
     "starts(text, min_run, max_run, lo, hi) -> [p, ...]: where a run starting in lo..hi is written twice back to back."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_repeats", NULL, -1, methods, NULL, NULL, NULL, NULL};

PyMODINIT_FUNC PyInit__repeats(void) {
    return dl_module_create(&module);
}
