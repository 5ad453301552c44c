/* html_text.items_text's common case in C: the text of several text tokens joined, with their pieces.
 *
 * join(text, toks, items) -> (joined, pos, starts, ends), or None: token k is text[toks[k]:toks[k + 1]]
 * (toks: the reader's offsets, an array of 64-bit integers); *joined* is the tokens' texts end to end,
 * pos where each starts in it, starts and ends where each is in *text*.  None where the Python code must
 * take the tokens one by one (html_text._join_runs, the definition): a token holding '&' (an entity to
 * decode), two tokens that touch (the builder would merge them), no token at all.  tests/test_html_runs_c.py compares
 * the two.  Every offset is checked against the text and the offsets' length: a ValueError, never a read
 * out of bounds, whatever is passed.
 */
#include "../source/_compiled.h"
#include <stdint.h>

static PyObject *join(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
    (void)self;
    if (nargs != 3 || !PyUnicode_Check(args[0]) || !PyList_Check(args[2])) {
        PyErr_SetString(PyExc_TypeError, "join(text: str, toks: array('q'), items: list)");
        return NULL;
    }
    PyObject *text = args[0], *items = args[2];
    if (PyList_GET_SIZE(items) == 0)
        Py_RETURN_NONE; /* nothing to join: the Python code */
    Py_buffer view;
    if (PyObject_GetBuffer(args[1], &view, PyBUF_FORMAT | PyBUF_C_CONTIGUOUS) < 0)
        return NULL;
    PyObject *result = NULL, *joined = NULL, *pos = NULL, *starts = NULL, *ends = NULL;
    if (view.itemsize != 8 || view.format == NULL || (strcmp(view.format, "q") != 0 && strcmp(view.format, "l") != 0)) {
        PyErr_SetString(PyExc_TypeError, "join: toks must be an array of 64-bit integers");
        goto done;
    }
    const int64_t *toks = (const int64_t *)view.buf;
    Py_ssize_t ntoks = view.len / 8, n = PyList_GET_SIZE(items), len = PyUnicode_GET_LENGTH(text), total = 0;
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    Py_UCS4 maxchar = 0;
    int64_t prev_end = -1;
    /* first pass: check every piece, find the joined length and its widest character */
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *it = PyList_GET_ITEM(items, i);
        if (!PyLong_CheckExact(it)) {
            result = Py_None; /* not a text token (a <br>): the Python code */
            goto done;
        }
        Py_ssize_t k = PyLong_AsSsize_t(it);
        if (k == -1 && PyErr_Occurred())
            goto done;
        if (k < 0 || k + 1 >= ntoks) {
            PyErr_SetString(PyExc_ValueError, "join: a token outside the offsets");
            goto done;
        }
        int64_t a = toks[k], z = toks[k + 1];
        if (a < 0 || z < a || z > len) {
            PyErr_SetString(PyExc_ValueError, "join: a token outside the text");
            goto done;
        }
        if (a == prev_end) {
            result = Py_None; /* two tokens touch: the builder merges them */
            goto done;
        }
        prev_end = z;
        for (int64_t j = a; j < z; j++) {
            Py_UCS4 c = PyUnicode_READ(kind, data, j);
            if (c == '&') {
                result = Py_None; /* an entity to decode */
                goto done;
            }
            if (c > maxchar)
                maxchar = c;
        }
        total += (Py_ssize_t)(z - a);
    }
    /* second pass: the joined text and the three lists */
    joined = PyUnicode_New(total, maxchar);
    pos = PyList_New(n);
    starts = PyList_New(n);
    ends = PyList_New(n);
    if (joined == NULL || pos == NULL || starts == NULL || ends == NULL)
        goto done;
    Py_ssize_t at = 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        Py_ssize_t k = PyLong_AsSsize_t(PyList_GET_ITEM(items, i));
        int64_t a = toks[k], z = toks[k + 1];
        PyObject *p = PyLong_FromSsize_t(at), *s = PyLong_FromLongLong(a), *e = PyLong_FromLongLong(z);
        if (p == NULL || s == NULL || e == NULL) {
            Py_XDECREF(p);
            Py_XDECREF(s);
            Py_XDECREF(e);
            goto done;
        }
        PyList_SET_ITEM(pos, i, p);
        PyList_SET_ITEM(starts, i, s);
        PyList_SET_ITEM(ends, i, e);
        if (PyUnicode_CopyCharacters(joined, at, text, (Py_ssize_t)a, (Py_ssize_t)(z - a)) < 0)
            goto done;
        at += (Py_ssize_t)(z - a);
    }
    result = PyTuple_Pack(4, joined, pos, starts, ends);
done:
    PyBuffer_Release(&view);
    Py_XDECREF(joined);
    Py_XDECREF(pos);
    Py_XDECREF(starts);
    Py_XDECREF(ends);
    if (result == Py_None)
        Py_INCREF(result);
    return result;
}

static PyMethodDef methods[] = {
    {"join", (PyCFunction)(void (*)(void))join, METH_FASTCALL,
     "join(text, toks, items) -> (joined, pos, starts, ends) or None: html_text._join_runs in C."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_runs", NULL, -1, methods, NULL, NULL, NULL, NULL};

PyMODINIT_FUNC PyInit__runs(void) { return dl_module_create(&module); }
