/* html_onepass.read_in_one_pass in C: the same tokens and the same tree, or None.
 *
 * An optional accelerator.  The Python function (html_onepass._read_in_one_pass_py) stays the definition
 * and the oracle: this one files the tokens one at a time (no split, no runs) and plays the same libxml2
 * rules, with the tables, the Node class and _start_in_head passed in from Python (module html_onepass).
 * It gives up (returns None, and the Python pass runs) in every case where the Python pass gives up, and
 * in a few more that it leaves to it: any character beyond ASCII in a tag name, a name over 64 characters.
 * tests/test_html_onepass_c.py compares the two on real pages, fixtures, synthetic reports and generated
 * markup.
 *
 * Every read of the text is bounds-checked against its length: a page is arbitrary input.
 */
#include "../source/_compiled.h"
#include <stdint.h>
#include <string.h>

/* token kinds (html_tokens) */
enum { K_TEXT = 0, K_START = 1, K_END = 2, K_COMMENT = 3, K_OTHER = 4 };

/* the lower-cased tag names met so far in this read (a page uses a few dozen), each with the shared str the
 * read's dict of names holds for it (borrowed: the dict lives as long as the read) */
#define TAG_CACHE 32
#define TAG_CACHE_LEN 16

typedef struct {
    PyObject *text;
    int kind;
    const void *data;
    Py_ssize_t n;
    int ncache;
    unsigned char cache_len[TAG_CACHE];
    char cache_name[TAG_CACHE][TAG_CACHE_LEN];
    PyObject *cache_obj[TAG_CACHE];
    /* what the read's tables say of each cached name, found on first use: 0 not yet, else 1 + the answer */
    unsigned char cache_flag[TAG_CACHE][5];
    unsigned char closes[TAG_CACHE][TAG_CACHE]; /* whether a start tag (column) closes an open element (row) */
} Src;

enum { F_ROOTISH, F_VOID, F_AFTER, F_RAW, F_TC };

#define CH(s, i) ((Py_UCS4)PyUnicode_READ((s)->kind, (s)->data, (i)))

static PyObject *s_tag, *s_tok, *s_items, *s_parent, *s_w, *s_empty_tuple;

/* a growable byte buffer: the offsets (machine integers) and the kinds (a byte each) are filed in two */
typedef struct {
    char *v;
    Py_ssize_t len, cap;
} Buf;

static int buf_add(Buf *a, const void *x, Py_ssize_t size) {
    if (a->len + size > a->cap) {
        Py_ssize_t cap = a->cap ? a->cap * 2 : 8192;
        char *v = PyMem_Realloc(a->v, (size_t)cap);
        if (v == NULL) {
            PyErr_NoMemory();
            return -1;
        }
        a->v = v;
        a->cap = cap;
    }
    memcpy(a->v + a->len, x, (size_t)size);
    a->len += size;
    return 0;
}

static int i64_add(Buf *a, int64_t x) { return buf_add(a, &x, (Py_ssize_t)sizeof x); }

static int bytes_add(Buf *a, char x) { return buf_add(a, &x, 1); }

static int is_ascii_letter(Py_UCS4 c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

/* what ends a tag name: \s (str.isspace, as re's \s reads a str), '/', '>', NUL */
static int ends_name(Py_UCS4 c) { return c == '/' || c == '>' || c == 0 || Py_UNICODE_ISSPACE(c); }

static Py_UCS4 ascii_lower(Py_UCS4 c) { return (c >= 'A' && c <= 'Z') ? c + 32 : c; }

/* the name at [a, b) lower-cased, as a shared str object (new reference); NULL with no error set when the
 * name holds a character that html_libxml2._ODD_NAME_CHAR rejects once lowered or anything beyond ASCII */
static PyObject *tag_name(Src *s, Py_ssize_t a, Py_ssize_t b, PyObject *names, int *slot) {
    *slot = -1;
    char buf[64];
    Py_ssize_t len = b - a;
    if (len <= 0 || len > (Py_ssize_t)sizeof(buf))
        return NULL;
    for (Py_ssize_t i = 0; i < len; i++) {
        Py_UCS4 c = ascii_lower(CH(s, a + i));
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == ':' || c == '_' || c == '.' || c == '-'))
            return NULL;
        buf[i] = (char)c;
    }
    if (len <= TAG_CACHE_LEN) /* a name met before: its str without making one to look it up */
        for (int i = 0; i < s->ncache; i++)
            if (s->cache_len[i] == len && memcmp(s->cache_name[i], buf, (size_t)len) == 0) {
                Py_INCREF(s->cache_obj[i]);
                *slot = i;
                return s->cache_obj[i];
            }
    PyObject *key = PyUnicode_FromStringAndSize(buf, len);
    if (key == NULL)
        return NULL;
    PyObject *got = PyDict_SetDefault(names, key, key); /* borrowed */
    Py_XINCREF(got);
    Py_DECREF(key);
    if (got != NULL && len <= TAG_CACHE_LEN && s->ncache < TAG_CACHE) {
        s->cache_len[s->ncache] = (unsigned char)len;
        memcpy(s->cache_name[s->ncache], buf, (size_t)len);
        *slot = s->ncache;
        s->cache_obj[s->ncache++] = got;
    }
    return got;
}

/* a tag token filed at pos, of *kind*: 1 and its lower-cased name in *name* (a new reference), 0 where the
 * name is one the Python pass leaves (give up), -1 on error */
static int file_tag(Src *s, Py_ssize_t a, Py_ssize_t b, PyObject *names, Buf *offsets, Py_ssize_t pos, Buf *kinds,
                    char kind, PyObject **name, int *slot) {
    *name = tag_name(s, a, b, names, slot);
    if (*name == NULL)
        return PyErr_Occurred() ? -1 : 0;
    if (i64_add(offsets, pos) < 0 || bytes_add(kinds, kind) < 0) {
        Py_CLEAR(*name);
        return -1;
    }
    return 1;
}

/* whether *name* (its cache slot, or -1) is in *set*, the table's answer kept for the slot: 1, 0, -1 on error */
static int name_in(Src *s, int slot, int flag, PyObject *set, PyObject *name) {
    if (slot >= 0 && s->cache_flag[slot][flag])
        return s->cache_flag[slot][flag] - 1;
    int r = PySet_Contains(set, name);
    if (slot >= 0 && r >= 0)
        s->cache_flag[slot][flag] = (unsigned char)(r + 1);
    return r;
}

/* the cache slot of a name object met before (the open stack's names are the read's), or -1 */
static int slot_of(Src *s, PyObject *name) {
    for (int i = 0; i < s->ncache; i++)
        if (s->cache_obj[i] == name)
            return i;
    return -1;
}

/* del l[-1] of a list (the open stack): its size set down and the item released, without PyList_SetSlice's
 * general slice assignment (as list.pop does, less its shrinking of the allocation) */
static void pop_last(PyObject *l) {
    Py_ssize_t n = PyList_GET_SIZE(l);
    if (n == 0)
        return;
    PyObject *x = PyList_GET_ITEM(l, n - 1);
    Py_SET_SIZE(l, n - 1);
    Py_DECREF(x);
}

/* whether two names are the same: the read's names are shared str objects, so nearly always by identity */
static int same_name(PyObject *a, PyObject *b) { return a == b || PyUnicode_Compare(a, b) == 0; }

/* whether text[a:a+len(lit)] == lit, ASCII case-insensitively where fold */
static int match_at(Src *s, Py_ssize_t a, const char *lit, int fold) {
    Py_ssize_t m = (Py_ssize_t)strlen(lit);
    if (a < 0 || a + m > s->n)
        return 0;
    for (Py_ssize_t i = 0; i < m; i++) {
        Py_UCS4 c = CH(s, a + i);
        if (fold)
            c = ascii_lower(c);
        if (c != (Py_UCS4)(unsigned char)lit[i])
            return 0;
    }
    return 1;
}

static Py_ssize_t find_lit(Src *s, const char *lit, Py_ssize_t from, Py_ssize_t to) {
    Py_ssize_t m = (Py_ssize_t)strlen(lit);
    for (Py_ssize_t i = from; i + m <= to; i++) {
        if (CH(s, i) == (Py_UCS4)(unsigned char)lit[0] && match_at(s, i, lit, 0))
            return i;
    }
    return -1;
}

static const char *RAW_NAMES[] = {"script", "style", "xmp", "textarea", "noscript", "iframe", "noembed", "noframes",
                                  NULL};
static const Py_ssize_t RAW_LENS[] = {6, 5, 3, 8, 8, 6, 7, 8};

/* The node class's slots (tag, tok, items, parent, w) as offsets into its objects, where each is a plain
 * __slots__ member (it is: html_tree.Node); read and written there directly, as the member descriptors do,
 * without an attribute lookup each time.  Offsets of -1: through getattr / setattr. */
static Py_ssize_t off_tag = -1, off_tok = -1, off_items = -1, off_parent = -1, off_w = -1;
static PyTypeObject *slots_type = NULL; /* the class the offsets belong to: only its objects are read there */

static void find_slots(PyObject *type) {
    slots_type = (PyTypeObject *)type;
    off_tag = dl_slot_offset(type, "tag");
    off_tok = dl_slot_offset(type, "tok");
    off_items = dl_slot_offset(type, "items");
    off_parent = dl_slot_offset(type, "parent");
    off_w = dl_slot_offset(type, "w");
    if (off_tag < 0 || off_tok < 0 || off_items < 0 || off_parent < 0 || off_w < 0) {
        off_tag = off_tok = off_items = off_parent = off_w = -1;
        slots_type = NULL;
    }
}

/* the offset of the slot *name* in *o*, or -1 (then: getattr / setattr), for an object of the slots' class
 * only: a root whose parent or tag is something else, or whatever a caller put on the stacks, is read safely */
static Py_ssize_t offset_of(PyObject *o, PyObject *name) {
    if (slots_type == NULL || !PyObject_TypeCheck(o, slots_type))
        return -1;
    return name == s_tag ? off_tag : name == s_tok ? off_tok : name == s_items ? off_items
         : name == s_parent ? off_parent : name == s_w ? off_w : -1;
}


/* set an attribute of a node; -1 on error */
static int set(PyObject *o, PyObject *name, PyObject *v) {
    Py_ssize_t off = offset_of(o, name);
    if (off < 0)
        return PyObject_SetAttr(o, name, v);
    Py_INCREF(v);
    Py_XSETREF(SLOT(o, off), v);
    return 0;
}

/* an attribute of a node (new reference), NULL with AttributeError where it was never set */
static PyObject *get(PyObject *o, PyObject *name) {
    Py_ssize_t off = offset_of(o, name);
    if (off < 0)
        return PyObject_GetAttr(o, name);
    PyObject *v = SLOT(o, off);
    if (v == NULL) {
        PyErr_SetObject(PyExc_AttributeError, name);
        return NULL;
    }
    Py_INCREF(v);
    return v;
}

static int node_w_add(PyObject *node, long w) {
    PyObject *cur = get(node, s_w);
    if (cur == NULL)
        return -1;
    long c = PyLong_AsLong(cur);
    Py_DECREF(cur);
    if (c == -1 && PyErr_Occurred())
        return -1;
    PyObject *nv = PyLong_FromLong(c + w);
    if (nv == NULL)
        return -1;
    int r = set(node, s_w, nv);
    Py_DECREF(nv);
    return r;
}

static int gave_up_at = 0; /* the source line of the last give-up (last_give_up(): tests and probes) */
#define GIVE_UP do { gave_up_at = __LINE__; goto give_up; } while (0)
#define FAIL goto fail

static PyObject *read_pass(PyObject *self, PyObject *args) {
    (void)self;
    PyObject *text, *root, *ctx;
    if (!PyArg_ParseTuple(args, "UOO!", &text, &root, &PyTuple_Type, &ctx))
        return NULL;
    PyObject *Node, *closed_by, *void_tags, *rootish, *html_or_head, *after_start, *rawtext, *text_content, *priority,
        *start_in_head, *array_type;
    long insert_in_body;
    if (!PyArg_ParseTuple(ctx, "OO!OOOO!OOO!OlO", &Node, &PyDict_Type, &closed_by, &void_tags, &rootish, &html_or_head,
                          &PyDict_Type, &after_start, &rawtext, &text_content, &PyDict_Type, &priority, &start_in_head,
                          &insert_in_body, &array_type))
        return NULL;
    if (PyUnicode_READY(text) < 0)
        return NULL;
    if (!PyType_Check(Node) || ((PyTypeObject *)Node)->tp_base != &PyBaseObject_Type ||
        !PyObject_TypeCheck(root, (PyTypeObject *)Node)) {
        PyErr_SetString(PyExc_TypeError, "the node class must derive from object alone, and root be one of its nodes");
        return NULL;
    }
    find_slots(Node); /* (nodes are all made here as Node, or are the root, a Node) */

    Src S;
    memset(&S, 0, sizeof S); /* (the name cache empty, nothing known of any name) */
    S.text = text;
    S.kind = PyUnicode_KIND(text);
    S.data = PyUnicode_DATA(text);
    S.n = PyUnicode_GET_LENGTH(text);
    Src *s = &S;
    Py_ssize_t n = s->n;

    Buf offsets = {0}, kinds = {0};
    PyObject *els = PyList_New(0), *comments = PyList_New(0), *names = PyDict_New(); /* els: root first */
    PyObject *open_names = PyList_New(0), *open_nodes = PyList_New(0);
    PyObject *result = NULL;
    PyObject *owner = NULL, *text_of = NULL; /* owned references */
    if (!els || !comments || !names || !open_names || !open_nodes || PyList_Append(els, root) < 0)
        FAIL;

    Py_ssize_t stop = PyUnicode_FindChar(text, '>', 0, n, -1);
    if (stop == -2)
        FAIL;
    stop = stop + 1; /* past the last '>' no markup can end: the rest is text (0 when there is none) */

    long state = 0;
    int in_head = 1, careful = 1, rooted = 0;
    Py_ssize_t raw_content = -1;
    Py_ssize_t k = 0;
    owner = root;
    Py_INCREF(owner);

    Py_ssize_t pos = 0;
    while (pos < n) {
        /* the next markup at or after pos */
        Py_ssize_t i = pos, mk_end = -1;
        int mk = -1; /* kind of markup found */
        Py_ssize_t name_a = 0, name_b = 0;
        int raw = 0, self_closing = 0;
        Py_ssize_t content_a = 0, content_b = 0;
        while (i < stop) {
            Py_ssize_t lt = PyUnicode_FindChar(text, '<', i, stop, 1);
            if (lt == -2)
                FAIL;
            if (lt < 0) {
                i = stop;
                break;
            }
            i = lt;
            Py_UCS4 c1 = i + 1 < n ? CH(s, i + 1) : 0;
            if (c1 == '!' && match_at(s, i, "<!--", 0)) {
                Py_ssize_t e = find_lit(s, "-->", i + 4, n);
                if (e < 0 || match_at(s, i, "<!-->", 0) || match_at(s, i, "<!--->", 0))
                    GIVE_UP; /* a comment that does not close, or one libxml2 ends elsewhere */
                if (find_lit(s, "--!>", i, e + 3) >= 0)
                    GIVE_UP;
                mk = K_COMMENT;
                mk_end = e + 3;
                break;
            }
            if (c1 == '!' || c1 == '?') {
                Py_ssize_t gt = PyUnicode_FindChar(text, '>', i + 2, n, 1);
                if (gt == -2)
                    FAIL;
                if (gt < 0)
                    GIVE_UP;
                mk = K_OTHER;
                mk_end = gt + 1;
                break;
            }
            if (c1 == '/' && i + 2 < n && is_ascii_letter(CH(s, i + 2))) {
                Py_ssize_t j = i + 3;
                while (j < n && !ends_name(CH(s, j)))
                    j++;
                if (j >= n || CH(s, j) != '>')
                    GIVE_UP; /* not "</name>": libxml2 reads what follows the name otherwise */
                mk = K_END;
                name_a = i + 2;
                name_b = j;
                mk_end = j + 1;
                break;
            }
            if (is_ascii_letter(c1)) {
                Py_ssize_t j = i + 2;
                while (j < n && !ends_name(CH(s, j)))
                    j++;
                name_a = i + 1;
                name_b = j;
                /* attributes: runs of anything but '>' and quotes, each quoted value whole */
                while (j < n) {
                    Py_UCS4 c = CH(s, j);
                    if (c == '>')
                        break;
                    if (c == '"' || c == '\'') {
                        Py_ssize_t q = PyUnicode_FindChar(text, c, j + 1, n, 1);
                        if (q == -2)
                            FAIL;
                        if (q < 0)
                            GIVE_UP; /* a quote that never closes */
                        j = q + 1; /* (a quoted value is taken whole, '<' and '>' included, as the split's pattern does) */
                        continue;
                    }
                    j++;
                }
                if (j >= n)
                    GIVE_UP;
                self_closing = CH(s, j - 1) == '/';
                mk = K_START;
                mk_end = j + 1;
                /* a raw-text element: its name (ASCII letters, any case), not written "/>" */
                if (!self_closing) {
                    for (const char **r = RAW_NAMES; *r; r++) {
                        if (name_b - name_a == RAW_LENS[r - RAW_NAMES] && match_at(s, name_a, *r, 1)) {
                            /* its content runs to the first "</" and its name, any case */
                            Py_ssize_t e = mk_end;
                            for (;;) {
                                Py_ssize_t lt2 = PyUnicode_FindChar(text, '<', e, n, 1);
                                if (lt2 == -2)
                                    FAIL;
                                if (lt2 < 0) {
                                    e = -1;
                                    break;
                                }
                                if (lt2 + 1 < n && CH(s, lt2 + 1) == '/' && match_at(s, lt2 + 2, *r, 1)) {
                                    e = lt2;
                                    break;
                                }
                                e = lt2 + 1;
                            }
                            if (e < 0 || e >= stop)
                                GIVE_UP; /* its end tag is past the split */
                            raw = 1;
                            content_a = mk_end;
                            content_b = e;
                            break;
                        }
                    }
                }
                break;
            }
            i = i + 1; /* a '<' that starts no markup: text */
        }
        if (mk < 0)
            i = n; /* no markup left: the rest is text */

        /* the text before it */
        if (i > pos) {
            long w = 0;
            for (Py_ssize_t t = pos; t < i; t++) {
                Py_UCS4 c = CH(s, t);
                if (c == '<' && t + 1 < i) { /* html_libxml2._TAG_OPEN: markup to libxml2, text to our tokenizer */
                    Py_UCS4 d = CH(s, t + 1);
                    if (is_ascii_letter(d) || d == '/' || d == '!' || d == '?')
                        GIVE_UP;
                }
                if (c != ' ' && c != '\n' && c != '\t')
                    w++;
            }
            if (i64_add(&offsets, pos) < 0 || bytes_add(&kinds, K_TEXT) < 0)
                FAIL;
            PyObject *items = get(owner, s_items);
            if (items == NULL)
                FAIL;
            PyObject *kk = PyLong_FromSsize_t(k);
            int r = kk ? PyList_Append(items, kk) : -1;
            Py_XDECREF(kk);
            Py_DECREF(items);
            if (r < 0)
                FAIL;
            k++;
            if (w) {
                if (node_w_add(owner, w) < 0)
                    FAIL;
                Py_ssize_t no = PyList_GET_SIZE(open_names);
                if ((in_head && text_of == NULL) || no == 0)
                    GIVE_UP; /* libxml2 implies elements for it (htmlStartCharData) */
                int hh = PySet_Contains(html_or_head, PyList_GET_ITEM(open_names, no - 1));
                if (hh < 0)
                    FAIL;
                if (hh)
                    GIVE_UP;
            }
        }
        if (mk < 0)
            break;
        pos = i;

        if (mk == K_COMMENT || mk == K_OTHER) {
            if (text_of != NULL)
                GIVE_UP;
            if (i64_add(&offsets, pos) < 0 || bytes_add(&kinds, (char)mk) < 0)
                FAIL;
            if (mk == K_COMMENT) {
                PyObject *kk = PyLong_FromSsize_t(k);
                int r = kk ? PyList_Append(comments, kk) : -1;
                Py_XDECREF(kk);
                if (r < 0)
                    FAIL;
            }
            k++;
            pos = mk_end;
            continue;
        }

        if (mk == K_END) {
            PyObject *name;
            int name_slot;
            int filed = file_tag(s, name_a, name_b, names, &offsets, pos, &kinds, K_END, &name, &name_slot);
            if (filed < 0)
                FAIL;
            if (filed == 0)
                GIVE_UP;
            k++;
            if (text_of != NULL) {
                int eq = PyUnicode_Compare(name, text_of) == 0;
                if (!eq) {
                    Py_DECREF(name);
                    GIVE_UP;
                }
                Py_CLEAR(text_of);
                careful = in_head;
            }
            Py_ssize_t no = PyList_GET_SIZE(open_names);
            if (no && PyList_GET_SIZE(open_nodes) == no && same_name(PyList_GET_ITEM(open_names, no - 1), name)) {
                pop_last(open_names);
                pop_last(open_nodes);
            } else {
                int in_open = PySequence_Contains(open_names, name);
                if (in_open < 0) {
                    Py_DECREF(name);
                    FAIL;
                }
                if (in_open) { /* htmlAutoCloseOnClose */
                    PyObject *pr = PyDict_GetItemWithError(priority, name);
                    long p = pr ? PyLong_AsLong(pr) : 100;
                    Py_ssize_t at = no - 1;
                    int ignored = 0;
                    while (!same_name(PyList_GET_ITEM(open_names, at), name)) {
                        PyObject *po = PyDict_GetItemWithError(priority, PyList_GET_ITEM(open_names, at));
                        long q = po ? PyLong_AsLong(po) : 100;
                        if (q > p) {
                            ignored = 1; /* the end tag is ignored */
                            break;
                        }
                        at--;
                    }
                    if (PyErr_Occurred()) {
                        Py_DECREF(name);
                        FAIL;
                    }
                    if (!ignored) {
                        if (PyList_SetSlice(open_names, at, no, NULL) < 0 ||
                            PyList_SetSlice(open_nodes, at, no, NULL) < 0) {
                            Py_DECREF(name);
                            FAIL;
                        }
                    }
                }
            }
            /* our text's owner, as html_tree._build_in_order follows it */
            PyObject *otag = get(owner, s_tag);
            if (otag == NULL) {
                Py_DECREF(name);
                FAIL;
            }
            int same = PyUnicode_Check(otag) && PyUnicode_Compare(otag, name) == 0;
            Py_DECREF(otag);
            if (same) {
                PyObject *up = get(owner, s_parent);
                if (up == NULL) {
                    Py_DECREF(name);
                    FAIL;
                }
                Py_SETREF(owner, up);
            } else {
                PyObject *up = get(owner, s_parent);
                while (up != NULL && up != Py_None) {
                    PyObject *ut = get(up, s_tag);
                    if (ut == NULL) {
                        Py_DECREF(up);
                        up = NULL;
                        break;
                    }
                    int hit = PyUnicode_Compare(ut, name) == 0;
                    Py_DECREF(ut);
                    if (hit)
                        break;
                    PyObject *nxt = get(up, s_parent);
                    Py_DECREF(up);
                    up = nxt;
                }
                if (up == NULL) {
                    Py_DECREF(name);
                    FAIL;
                }
                if (up != Py_None && up != root) {
                    PyObject *pp = get(up, s_parent);
                    Py_DECREF(up);
                    if (pp == NULL) {
                        Py_DECREF(name);
                        FAIL;
                    }
                    Py_SETREF(owner, pp);
                } else {
                    Py_DECREF(up);
                }
            }
            if (PyErr_Occurred()) {
                Py_DECREF(name);
                FAIL;
            }
            Py_DECREF(name);
            pos = mk_end;
            continue;
        }

        /* a start tag */
        PyObject *tag;
        int tag_slot;
        int filed = file_tag(s, name_a, name_b, names, &offsets, pos, &kinds, K_START, &tag, &tag_slot);
        if (filed < 0)
            FAIL;
        if (filed == 0)
            GIVE_UP;
        PyObject *p = NULL; /* new reference */
        int is_rootish = name_in(s, tag_slot, F_ROOTISH, rootish, tag);
        if (is_rootish < 0) {
            Py_DECREF(tag);
            FAIL;
        }
        if (careful || PyList_GET_SIZE(open_names) == 0 || is_rootish) {
            if (text_of != NULL) {
                Py_DECREF(tag);
                GIVE_UP;
            }
            PyObject *got = PyObject_CallFunction(start_in_head, "OOOlOO", tag, open_names, open_nodes, state,
                                                  rooted ? Py_True : Py_False, root);
            if (got == NULL) {
                Py_DECREF(tag);
                FAIL;
            }
            if (got == Py_None) {
                Py_DECREF(got);
                Py_DECREF(tag);
                GIVE_UP;
            }
            long st;
            int ro;
            if (!PyArg_ParseTuple(got, "lp", &st, &ro)) {
                Py_DECREF(got);
                Py_DECREF(tag);
                FAIL;
            }
            Py_DECREF(got);
            state = st;
            rooted = ro;
            in_head = careful = state < insert_in_body;
            Py_ssize_t nn = PyList_GET_SIZE(open_nodes);
            p = nn ? PyList_GET_ITEM(open_nodes, nn - 1) : root;
            Py_INCREF(p);
        } else {
            for (;;) { /* htmlAutoClose */
                Py_ssize_t no = PyList_GET_SIZE(open_names);
                PyObject *top = PyList_GET_ITEM(open_names, no - 1);
                int top_slot = tag_slot >= 0 ? slot_of(s, top) : -1;
                int in = top_slot >= 0 ? s->closes[top_slot][tag_slot] - 1 : -1;
                if (in < 0) { /* not known yet: closed_by[top] holds the tag? */
                    PyObject *closers = PyDict_GetItemWithError(closed_by, top);
                    if (closers == NULL && PyErr_Occurred()) {
                        Py_DECREF(tag);
                        FAIL;
                    }
                    in = closers == NULL ? 0 : PySet_Contains(closers, tag);
                    if (in < 0) {
                        Py_DECREF(tag);
                        FAIL;
                    }
                    if (top_slot >= 0)
                        s->closes[top_slot][tag_slot] = (unsigned char)(in + 1);
                }
                if (!in)
                    break;
                if (PyList_GET_SIZE(open_nodes) != no || PyList_GET_SIZE(open_names) != no) {
                    Py_DECREF(tag);
                    GIVE_UP; /* (the two stacks always match, and closed_by's lookup left them: else a misuse) */
                }
                pop_last(open_names);
                pop_last(open_nodes);
                if (no - 1 == 0) {
                    Py_DECREF(tag);
                    GIVE_UP; /* libxml2 would imply a second top-level element */
                }
            }
            Py_ssize_t nn = PyList_GET_SIZE(open_nodes);
            p = PyList_GET_ITEM(open_nodes, nn - 1);
            Py_INCREF(p);
        }
        /* the node: Node(tag, k, p) with items [] and w 0, as object.__new__ and the slots */
        PyObject *node = ((PyTypeObject *)Node)->tp_alloc((PyTypeObject *)Node, 0); /* (object.__new__'s work) */
        PyObject *kk = PyLong_FromSsize_t(k);
        PyObject *items = PyList_New(0);
        PyObject *zero = PyLong_FromLong(0);
        int bad = node == NULL || kk == NULL || items == NULL || zero == NULL || set(node, s_tag, tag) < 0 ||
                  set(node, s_tok, kk) < 0 || set(node, s_parent, p) < 0 || set(node, s_items, items) < 0 ||
                  set(node, s_w, zero) < 0;
        Py_XDECREF(kk);
        Py_XDECREF(items);
        Py_XDECREF(zero);
        if (!bad) {
            PyObject *pitems = get(p, s_items);
            bad = pitems == NULL || PyList_Append(pitems, node) < 0;
            Py_XDECREF(pitems);
        }
        if (!bad)
            bad = PyList_Append(els, node) < 0;
        if (bad) {
            Py_XDECREF(node);
            Py_DECREF(p);
            Py_DECREF(tag);
            FAIL;
        }
        int is_void = name_in(s, tag_slot, F_VOID, void_tags, tag);
        if (is_void < 0) {
            Py_DECREF(node);
            Py_DECREF(p);
            Py_DECREF(tag);
            FAIL;
        }
        Py_SETREF(owner, is_void ? p : node);
        Py_INCREF(owner);
        Py_DECREF(p);
        /* None for most; False empty; True text (kept for the slot as 1, 2, 3) */
        unsigned char after = tag_slot >= 0 ? s->cache_flag[tag_slot][F_AFTER] : 0;
        PyObject *kept = after == 1 ? NULL : after == 2 ? Py_False : after == 3 ? Py_True : NULL;
        if (!after) {
            kept = PyDict_GetItemWithError(after_start, tag);
            if (kept == NULL && PyErr_Occurred()) {
                Py_DECREF(node);
                Py_DECREF(tag);
                FAIL;
            }
            if (tag_slot >= 0 && (kept == NULL || kept == Py_False || kept == Py_True))
                s->cache_flag[tag_slot][F_AFTER] = kept == NULL ? 1 : kept == Py_False ? 2 : 3;
        }
        if (kept == NULL || kept == Py_True) {
            if (PyList_Append(open_names, tag) < 0 || PyList_Append(open_nodes, node) < 0) {
                Py_DECREF(node);
                Py_DECREF(tag);
                FAIL;
            }
        }
        if (kept == Py_True) {
            int is_raw = name_in(s, tag_slot, F_RAW, rawtext, tag);
            int is_tc = is_raw < 0 ? -1 : name_in(s, tag_slot, F_TC, text_content, tag);
            if (is_raw < 0 || is_tc < 0) {
                Py_DECREF(node);
                Py_DECREF(tag);
                FAIL;
            }
            if (is_raw && (raw || !self_closing)) {
                if (!is_tc) {
                    Py_DECREF(node);
                    Py_DECREF(tag);
                    GIVE_UP; /* <noscript>: our tokenizer reads raw text, libxml2 markup */
                }
                Py_XSETREF(text_of, tag);
                Py_INCREF(text_of);
                raw_content = k + 1;
                careful = 1;
            } else if (is_tc) {
                if (PyUnicode_CompareWithASCIIString(tag, "plaintext") == 0) {
                    Py_DECREF(node);
                    Py_DECREF(tag);
                    GIVE_UP;
                }
                Py_XSETREF(text_of, tag);
                Py_INCREF(text_of);
                raw_content = -1;
                careful = 1;
            }
        }
        Py_DECREF(node);
        k++;
        pos = mk_end;
        if (raw) {
            if (content_b > content_a) { /* the raw content */
                if (i64_add(&offsets, content_a) < 0 || bytes_add(&kinds, K_OTHER) < 0) {
                    Py_DECREF(tag);
                    FAIL;
                }
                if (text_of != NULL) {
                    if (k != raw_content) {
                        Py_DECREF(tag);
                        GIVE_UP;
                    }
                    if (PyUnicode_CompareWithASCIIString(text_of, "script") == 0 &&
                        find_lit(s, "<!--", content_a, content_b) >= 0) {
                        Py_DECREF(tag);
                        GIVE_UP; /* libxml2's escaped script states may end it elsewhere */
                    }
                }
                k++;
            }
            pos = content_b;
        }
        Py_DECREF(tag);
    }
    if (i64_add(&offsets, n) < 0)
        FAIL;
    if (text_of != NULL || PyList_GET_SIZE(els) == 1)
        GIVE_UP; /* (no start tag) */
    {
        PyObject *raw_bytes = PyBytes_FromStringAndSize(offsets.v ? offsets.v : "", offsets.len);
        if (raw_bytes == NULL)
            FAIL;
        PyObject *arr = PyObject_CallFunction(array_type, "sO", "q", raw_bytes);
        Py_DECREF(raw_bytes);
        if (arr == NULL)
            FAIL;
        PyObject *kb = PyByteArray_FromStringAndSize(kinds.v ? kinds.v : "", kinds.len);
        if (kb == NULL) {
            Py_DECREF(arr);
            FAIL;
        }
        result = Py_BuildValue("(NNOOO)", arr, kb, root, els, comments);
    }
    goto done;

give_up:
    if (PyErr_Occurred())
        goto fail;
    result = Py_None;
    Py_INCREF(result);
    goto done;
fail:
    result = NULL;
done:
    Py_XDECREF(owner);
    Py_XDECREF(text_of);
    Py_XDECREF(els);
    Py_XDECREF(comments);
    Py_XDECREF(names);
    Py_XDECREF(open_names);
    Py_XDECREF(open_nodes);
    PyMem_Free(offsets.v);
    PyMem_Free(kinds.v);
    return result;
}

static PyObject *last_give_up(PyObject *self, PyObject *noargs) {
    (void)self;
    (void)noargs;
    return PyLong_FromLong(gave_up_at);
}

/* for n in nodes: n.parent = None (the reader's _release: the tree's cycles cut, so that it goes by reference
 * counting as soon as the reader lets it go) */
static PyObject *cut_parents(PyObject *self, PyObject *nodes) {
    (void)self;
    if (!PyList_Check(nodes)) {
        PyErr_SetString(PyExc_TypeError, "cut_parents(nodes: list)");
        return NULL;
    }
    for (Py_ssize_t i = 0; i < PyList_GET_SIZE(nodes); i++) { /* (its size read again: a setter may change it) */
        PyObject *n = PyList_GET_ITEM(nodes, i);
        Py_INCREF(n);
        int r = set(n, s_parent, Py_None);
        Py_DECREF(n);
        if (r < 0)
            return NULL;
    }
    Py_RETURN_NONE;
}

static PyMethodDef methods[] = {
    {"last_give_up", last_give_up, METH_NOARGS, "The line of _onepass.c where the last read gave up (0: none yet)."},
    {"cut_parents", cut_parents, METH_O, "cut_parents(nodes): n.parent = None for each node, in C."},
    {"read", read_pass, METH_VARARGS,
     "read(text, root, ctx) -> (offsets, kinds, root, nodes, comments) or None: html_onepass's pass in C."},
    {NULL, NULL, 0, NULL}};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_onepass", NULL, -1, methods, NULL, NULL, NULL, NULL};

PyMODINIT_FUNC PyInit__onepass(void) {
    s_tag = PyUnicode_InternFromString("tag");
    s_tok = PyUnicode_InternFromString("tok");
    s_items = PyUnicode_InternFromString("items");
    s_parent = PyUnicode_InternFromString("parent");
    s_w = PyUnicode_InternFromString("w");
    s_empty_tuple = PyTuple_New(0);
    if (!s_tag || !s_tok || !s_items || !s_parent || !s_w || !s_empty_tuple)
        return NULL;
    return dl_module_create(&module);
}
