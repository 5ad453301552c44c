/* The text of a paragraph or a cell in C: html_text.text_items's walk (items) and items_text's common case
 * (join).
 *
 * items(node, stop, skip) -> (tokens, plain) or (None, plain): text_items of a tree of html_tree.Node
 * (bound once: bind(Node)); NotImplemented where it meets anything else, for the Python code to take.
 * When the walk stops (None), *plain* says nothing (no caller reads it then).
 *
 * cell(node, text, toks, spans) -> RawCell or None: html._Reader.cell's shortcut for the common shapes
 * (<td>12</td>, <td><p>12</p></td>), with the classes bound once (bind_cell); None wherever the Python code
 * must answer (any other shape, an entity, a Word marker, an empty text, a start tag whose spans are not
 * known yet).
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
#include <string.h>

static PyTypeObject *node_type = NULL; /* a strong reference, once bound */
static Py_ssize_t off_tag = -1, off_items = -1;

static PyObject *bind(PyObject *self, PyObject *cls) {
    (void)self;
    return dl_bind_two_slots(cls, "tag", "items", &node_type, &off_tag, &off_items);
}

/* offset k of the buffer (read whole: the buffer need not be aligned) */
static int64_t tok_at(const char *buf, Py_ssize_t k) {
    int64_t v;
    memcpy(&v, buf + k * 8, sizeof v);
    return v;
}

/* the offsets (a buffer of 64-bit integers: the reader's array('q')) in *view*, and their count; -1 with a
 * TypeError (the buffer released) where they are not that */
static Py_ssize_t get_offsets(PyObject *obj, Py_buffer *view) {
    if (PyObject_GetBuffer(obj, view, PyBUF_FORMAT | PyBUF_C_CONTIGUOUS) < 0)
        return -1;
    if (view->itemsize != 8 || view->format == NULL || (strcmp(view->format, "q") != 0 && strcmp(view->format, "l") != 0)) {
        PyBuffer_Release(view);
        PyErr_SetString(PyExc_TypeError, "toks must be an array of 64-bit integers");
        return -1;
    }
    return view->len / 8;
}

/* html._Reader.cell's shortcut: the classes it makes and reads, their slots' offsets */
static PyTypeObject *ptext_type = NULL, *rawcell_type = NULL, *cell_node_type = NULL;
static PyObject *span_maker = NULL, *skip_tags = NULL;
/* (the node class's offsets as bind_cell found them: a later bind() of another class changes bind's own) */
static Py_ssize_t off_cell_tag = -1, off_cell_items = -1, off_tok = -1;
static Py_ssize_t off_pt_text = -1, off_pt_start = -1, off_pt_p = -1;
static Py_ssize_t off_rc[6] = {-1, -1, -1, -1, -1, -1}; /* ptext, span, rowspan, colspan, is_header, recovery */

static PyObject *bind_cell(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
    (void)self;
    if (nargs != 4 || !PyType_Check(args[0]) || !PyType_Check(args[1]) || !PyCallable_Check(args[2]) ||
        !PyAnySet_Check(args[3]) || node_type == NULL) {
        PyErr_SetString(PyExc_TypeError, "bind_cell(RawCell, PText, new_span, skip: set), after bind(Node)");
        return NULL;
    }
    static const char *rc_names[6] = {"ptext", "span", "rowspan", "colspan", "is_header", "recovery"};
    Py_ssize_t rc[6];
    for (int i = 0; i < 6; i++)
        if ((rc[i] = dl_slot_offset(args[0], rc_names[i])) < 0)
            goto bad;
    Py_ssize_t t = dl_slot_offset(args[1], "text"), st = dl_slot_offset(args[1], "_start"),
               p = dl_slot_offset(args[1], "_p"), tok = dl_slot_offset((PyObject *)node_type, "tok");
    if (t < 0 || st < 0 || p < 0 || tok < 0)
        goto bad;
    /* the tags left out are plain str (asking the set then runs no Python code) */
    PyObject *iter = PyObject_GetIter(args[3]), *item;
    if (iter == NULL)
        return NULL;
    while ((item = PyIter_Next(iter)) != NULL) {
        int ok = PyUnicode_CheckExact(item);
        Py_DECREF(item);
        if (!ok) {
            Py_DECREF(iter);
            PyErr_SetString(PyExc_TypeError, "bind_cell: the tags left out must be str");
            return NULL;
        }
    }
    Py_DECREF(iter);
    if (PyErr_Occurred())
        return NULL;
    for (int i = 0; i < 6; i++)
        off_rc[i] = rc[i];
    off_pt_text = t;
    off_pt_start = st;
    off_pt_p = p;
    off_tok = tok;
    off_cell_tag = off_tag;
    off_cell_items = off_items;
    Py_INCREF(node_type);
    Py_XSETREF(cell_node_type, node_type);
    Py_INCREF(args[0]);
    Py_XSETREF(rawcell_type, (PyTypeObject *)args[0]);
    Py_INCREF(args[1]);
    Py_XSETREF(ptext_type, (PyTypeObject *)args[1]);
    Py_INCREF(args[2]);
    Py_XSETREF(span_maker, args[2]);
    Py_INCREF(args[3]);
    Py_XSETREF(skip_tags, args[3]);
    Py_RETURN_NONE;
bad:
    PyErr_SetString(PyExc_TypeError, "bind_cell: the classes need their plain slots");
    return NULL;
}

/* a node's single text token, under it or under its single child element (not one left out of text) */
static Py_ssize_t single_token(PyObject *node) {
    PyObject *kids = SLOT(node, off_cell_items);
    if (kids == NULL || !PyList_CheckExact(kids) || PyList_GET_SIZE(kids) != 1)
        return -1;
    PyObject *inner = PyList_GET_ITEM(kids, 0);
    if (!PyLong_CheckExact(inner)) {
        if (Py_TYPE(inner) != cell_node_type)
            return -1;
        PyObject *tag = SLOT(inner, off_cell_tag), *grand = SLOT(inner, off_cell_items);
        if (tag == NULL || !PyUnicode_CheckExact(tag) || grand == NULL || !PyList_CheckExact(grand) ||
            PyList_GET_SIZE(grand) != 1 || !PyLong_CheckExact(PyList_GET_ITEM(grand, 0)))
            return -1;
        int r = PySet_Contains(skip_tags, tag); /* (a str's hash and equality: no Python code runs) */
        if (r != 0) {
            PyErr_Clear();
            return -1;
        }
        inner = PyList_GET_ITEM(grand, 0);
    }
    Py_ssize_t k = PyLong_AsSsize_t(inner);
    if (k < 0) {
        PyErr_Clear();
        return -1;
    }
    return k;
}

static PyObject *cell(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
    (void)self;
    if (nargs != 4 || !PyUnicode_Check(args[1]) || !PyDict_CheckExact(args[3])) {
        PyErr_SetString(PyExc_TypeError, "cell(node, text: str, toks: array('q'), spans: dict)");
        return NULL;
    }
    PyObject *node = args[0], *text = args[1], *spans = args[3];
    if (rawcell_type == NULL || Py_TYPE(node) != cell_node_type)
        Py_RETURN_NONE;
    Py_ssize_t k = single_token(node);
    PyObject *tokobj = SLOT(node, off_tok), *tagobj = SLOT(node, off_cell_tag);
    if (k < 0 || tokobj == NULL || !PyLong_CheckExact(tokobj) || tagobj == NULL || !PyUnicode_CheckExact(tagobj))
        Py_RETURN_NONE;
    /* what is read of the node, read now: Python code may run below (a dict key's equality, the span maker) */
    PyObject *is_header = PyUnicode_CompareWithASCIIString(tagobj, "th") == 0 ? Py_True : Py_False;
    Py_ssize_t nt = PyLong_AsSsize_t(tokobj);
    if (nt < 0) {
        PyErr_Clear();
        Py_RETURN_NONE;
    }
    Py_buffer view;
    Py_ssize_t ntoks = get_offsets(args[2], &view), len = PyUnicode_GET_LENGTH(text);
    if (ntoks < 0)
        return NULL;
    PyObject *result = NULL, *tag = NULL, *t = NULL, *pt = NULL, *sp = NULL, *start_obj = NULL;
    if (k >= ntoks - 1 || nt >= ntoks - 1) {
        result = Py_None;
        goto done;
    }
    int64_t s = tok_at(view.buf, k), e = tok_at(view.buf, k + 1);
    int64_t ts = tok_at(view.buf, nt), te = tok_at(view.buf, nt + 1);
    if (s < 0 || e <= s || e > len || ts < 0 || te < ts || te > len) {
        result = Py_None; /* (an empty text, or offsets that are not the text's: the Python code) */
        goto done;
    }
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    for (int64_t j = s; j < e; j++) {
        Py_UCS4 c = PyUnicode_READ(kind, data, j);
        if (c == '&' || (c == '<' && j + 1 < e && PyUnicode_READ(kind, data, j + 1) == '!')) {
            result = Py_None; /* an entity to decode, a Word marker to strip */
            goto done;
        }
    }
    tag = PyUnicode_Substring(text, (Py_ssize_t)ts, (Py_ssize_t)te);
    if (tag == NULL)
        goto done;
    PyObject *rc = PyDict_GetItemWithError(spans, tag); /* borrowed: (rowspan, colspan) */
    if (rc == NULL) {
        if (!PyErr_Occurred())
            result = Py_None; /* a start tag not read yet: the Python code reads its spans */
        goto done;
    }
    if (!PyTuple_CheckExact(rc) || PyTuple_GET_SIZE(rc) != 2) {
        result = Py_None;
        goto done;
    }
    Py_INCREF(rc); /* (held: the span maker may run Python code, the class itself, where it was not built) */
    Py_XSETREF(tag, rc); /* (the tag is not needed any more: *tag* now holds the spans, released at the end) */
    t = PyUnicode_Substring(text, (Py_ssize_t)s, (Py_ssize_t)e);
    start_obj = PyLong_FromLongLong(s);
    PyObject *span_args[2] = {PyLong_FromLongLong(ts), PyLong_FromLongLong(e)};
    if (span_args[0] != NULL && span_args[1] != NULL)
        sp = PyObject_Vectorcall(span_maker, span_args, 2, NULL);
    Py_XDECREF(span_args[0]);
    Py_XDECREF(span_args[1]);
    if (t == NULL || start_obj == NULL || sp == NULL)
        goto done;
    pt = ptext_type->tp_alloc(ptext_type, 0);
    if (pt == NULL)
        goto done;
    SLOT(pt, off_pt_text) = t;
    t = NULL;
    SLOT(pt, off_pt_start) = start_obj;
    start_obj = NULL;
    Py_INCREF(Py_None);
    SLOT(pt, off_pt_p) = Py_None;
    PyObject *c = rawcell_type->tp_alloc(rawcell_type, 0);
    if (c == NULL)
        goto done;
    PyObject *empty = PyUnicode_New(0, 0);
    if (empty == NULL) {
        Py_DECREF(c);
        goto done;
    }
    PyObject *vals[6] = {pt, sp, PyTuple_GET_ITEM(rc, 0), PyTuple_GET_ITEM(rc, 1), is_header, empty};
    for (int i = 0; i < 6; i++) {
        Py_INCREF(vals[i]);
        SLOT(c, off_rc[i]) = vals[i];
    }
    Py_DECREF(empty);
    result = c;
done:
    PyBuffer_Release(&view);
    Py_XDECREF(tag);
    Py_XDECREF(t);
    Py_XDECREF(start_obj);
    Py_XDECREF(pt);
    Py_XDECREF(sp);
    if (result == Py_None)
        Py_INCREF(result);
    return result;
}

/* the walk's stack: the item lists entered (strong references: a set's element may run Python code while
 * the walk asks whether a tag is in it), and how far each is read (each list's size read at each step) */
typedef struct {
    PyObject **lists;
    Py_ssize_t *at;
    Py_ssize_t n, cap;
} Stack;

static int push(Stack *st, PyObject *list) {
    if (st->n == st->cap) {
        Py_ssize_t cap = st->cap ? st->cap * 2 : 16;
        PyObject **l = PyMem_Realloc(st->lists, (size_t)cap * sizeof *l);
        if (l == NULL) {
            PyErr_NoMemory();
            return -1;
        }
        st->lists = l;
        Py_ssize_t *a = PyMem_Realloc(st->at, (size_t)cap * sizeof *a);
        if (a == NULL) {
            PyErr_NoMemory();
            return -1;
        }
        st->at = a;
        st->cap = cap;
    }
    Py_INCREF(list);
    st->lists[st->n] = list;
    st->at[st->n++] = 0;
    return 0;
}

static PyObject *items(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
    (void)self;
    if (nargs != 3 || !PyAnySet_Check(args[1]) || !PyAnySet_Check(args[2])) {
        PyErr_SetString(PyExc_TypeError, "items(node, stop: set, skip: set)");
        return NULL;
    }
    PyObject *node = args[0], *stop = args[1], *skip = args[2];
    if (node_type == NULL || Py_TYPE(node) != node_type || SLOT(node, off_items) == NULL ||
        !PyList_CheckExact(SLOT(node, off_items)))
        Py_RETURN_NOTIMPLEMENTED;
    Stack st = {NULL, NULL, 0, 0};
    PyObject *out = PyList_New(0), *result = NULL;
    int plain = 1;
    if (out == NULL || push(&st, SLOT(node, off_items)) < 0)
        goto done;
    while (st.n) {
        PyObject *list = st.lists[st.n - 1];
        if (st.at[st.n - 1] >= PyList_GET_SIZE(list)) {
            Py_DECREF(list);
            st.n--;
            continue;
        }
        PyObject *it = PyList_GET_ITEM(list, st.at[st.n - 1]++);
        if (PyLong_CheckExact(it)) {
            if (PyList_Append(out, it) < 0)
                goto done;
            continue;
        }
        PyObject *tag = Py_TYPE(it) == node_type ? SLOT(it, off_tag) : NULL;
        PyObject *sub = Py_TYPE(it) == node_type ? SLOT(it, off_items) : NULL;
        if (tag == NULL || sub == NULL || !PyUnicode_CheckExact(tag) || !PyList_CheckExact(sub)) {
            result = Py_NotImplemented; /* not the tree it knows: the Python code */
            Py_INCREF(result);
            goto done;
        }
        Py_INCREF(it); /* (held while the sets are asked) */
        Py_INCREF(tag);
        Py_INCREF(sub);
        int r = PySet_Contains(skip, tag), stopped = 0;
        if (r > 0) {
            if (PyUnicode_CompareWithASCIIString(tag, "br") == 0) {
                r = PyList_Append(out, it) < 0 ? -1 : 1;
                plain = 0;
            }
        } else if (r == 0) {
            stopped = PySet_Contains(stop, tag);
            if (stopped < 0)
                r = -1;
            else if (!stopped && PyList_GET_SIZE(sub) && push(&st, sub) < 0)
                r = -1;
        }
        Py_DECREF(it);
        Py_DECREF(tag);
        Py_DECREF(sub);
        if (r < 0)
            goto done;
        if (stopped) {
            result = Py_BuildValue("(OO)", Py_None, plain ? Py_True : Py_False);
            goto done;
        }
    }
    result = Py_BuildValue("(OO)", out, plain ? Py_True : Py_False);
done:
    while (st.n)
        Py_DECREF(st.lists[--st.n]);
    PyMem_Free(st.lists);
    PyMem_Free(st.at);
    Py_XDECREF(out);
    return result;
}

static PyObject *join(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
    (void)self;
    if (nargs != 3 || !PyUnicode_Check(args[0]) || !PyList_Check(args[2])) {
        PyErr_SetString(PyExc_TypeError, "join(text: str, toks: array('q'), items: list)");
        return NULL;
    }
    PyObject *text = args[0], *items = args[2];
    Py_ssize_t n = PyList_GET_SIZE(items);
    if (n == 0)
        Py_RETURN_NONE; /* nothing to join: the Python code */
    Py_buffer view;
    Py_ssize_t ntoks = get_offsets(args[1], &view);
    if (ntoks < 0)
        return NULL;
    PyObject *result = NULL, *joined = NULL, *pos = NULL, *starts = NULL, *ends = NULL;
    int64_t *span = NULL; /* the pieces' (start, end), found once: nothing is read of *items* after that */
    span = PyMem_Malloc((size_t)n * 2 * sizeof *span);
    if (span == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    const char *toks = (const char *)view.buf;
    Py_ssize_t len = PyUnicode_GET_LENGTH(text), total = 0;
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
        if (k < 0 || k >= ntoks - 1) {
            PyErr_SetString(PyExc_ValueError, "join: a token outside the offsets");
            goto done;
        }
        int64_t a = tok_at(toks, k), z = tok_at(toks, k + 1);
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
        span[2 * i] = a;
        span[2 * i + 1] = z;
        total += (Py_ssize_t)(z - a);
    }
    /* second pass: the joined text (as narrow as its widest character: a canonical str) and the three lists */
    joined = PyUnicode_New(total, maxchar);
    pos = PyList_New(n);
    starts = PyList_New(n);
    ends = PyList_New(n);
    if (joined == NULL || pos == NULL || starts == NULL || ends == NULL)
        goto done;
    int out_kind = PyUnicode_KIND(joined);
    void *out = PyUnicode_DATA(joined);
    Py_ssize_t at = 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        int64_t a = span[2 * i], z = span[2 * i + 1];
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
        /* (not PyUnicode_CopyCharacters: from a Latin-1 text into an ASCII one, CPython 3.11 checks the
         * first characters of the whole text rather than those copied, and fails) */
        if (out_kind == kind)
            memcpy((char *)out + at * kind, (const char *)data + a * kind, (size_t)(z - a) * (size_t)kind);
        else
            for (int64_t j = a; j < z; j++)
                PyUnicode_WRITE(out_kind, out, at + (j - a), PyUnicode_READ(kind, data, j));
        at += (Py_ssize_t)(z - a);
    }
    result = PyTuple_Pack(4, joined, pos, starts, ends);
done:
    PyBuffer_Release(&view);
    PyMem_Free(span);
    Py_XDECREF(joined);
    Py_XDECREF(pos);
    Py_XDECREF(starts);
    Py_XDECREF(ends);
    if (result == Py_None)
        Py_INCREF(result);
    return result;
}

static PyMethodDef methods[] = {
    {"bind_cell", (PyCFunction)(void (*)(void))bind_cell, METH_FASTCALL,
     "bind_cell(RawCell, PText, new_span, skip): the classes cell() makes (after bind(Node))."},
    {"cell", (PyCFunction)(void (*)(void))cell, METH_FASTCALL,
     "cell(node, text, toks, spans) -> RawCell or None: html._Reader.cell's shortcut in C."},
    {"bind", bind, METH_O, "bind(Node): the tree class items() walks (html_tree.Node)."},
    {"items", (PyCFunction)(void (*)(void))items, METH_FASTCALL,
     "items(node, stop, skip) -> (tokens, plain), (None, plain) or NotImplemented: html_text.text_items in C."},
    {"join", (PyCFunction)(void (*)(void))join, METH_FASTCALL,
     "join(text, toks, items) -> (joined, pos, starts, ends) or None: html_text._join_runs in C."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_runs", NULL, -1, methods, NULL, NULL, NULL, NULL};

PyMODINIT_FUNC PyInit__runs(void) { return dl_module_create(&module); }
