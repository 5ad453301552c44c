/* Span(start, end) made in C: the compiled twin of source.Span's constructor for the readers' hot paths.
 *
 * A Span is a frozen slots dataclass; made in Python it costs a type call and a Python __init__ (about
 * 330 ns), and a page makes about a thousand (its cells, their values, its paragraphs).  make(start, end)
 * allocates the class's object and sets its two slots, as source._span_init does through the slots'
 * descriptors, after the same check (0 <= start <= end).  Anything else (a start below 0, an end before
 * it, an argument that is not an exact int, an int beyond 64 bits) is handed to the class itself, so the
 * answer and the error are always the class's own.  tests/test_span_maker.py compares the two.
 */
#include "_compiled.h"

static PyTypeObject *span_type = NULL; /* a strong reference, once bound */
static Py_ssize_t off_start = -1, off_end = -1;

static PyObject *bind(PyObject *self, PyObject *cls) {
    (void)self;
    return dl_bind_two_slots(cls, "start", "end", &span_type, &off_start, &off_end);
}

static PyObject *make(PyObject *self, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames) {
    (void)self;
    if (span_type == NULL) {
        PyErr_SetString(PyExc_RuntimeError, "make: no class bound");
        return NULL;
    }
    if (kwnames == NULL && nargs == 2 && PyLong_CheckExact(args[0]) && PyLong_CheckExact(args[1])) {
        int o1, o2;
        long long a = PyLong_AsLongLongAndOverflow(args[0], &o1);
        long long b = PyLong_AsLongLongAndOverflow(args[1], &o2);
        if (!o1 && !o2 && !(a == -1 && PyErr_Occurred()) && !(b == -1 && PyErr_Occurred()) && a >= 0 && b >= a) {
            PyObject *o = span_type->tp_alloc(span_type, 0);
            if (o == NULL)
                return NULL;
            Py_INCREF(args[0]);
            SLOT(o, off_start) = args[0];
            Py_INCREF(args[1]);
            SLOT(o, off_end) = args[1];
            return o;
        }
        PyErr_Clear();
    }
    return PyObject_Vectorcall((PyObject *)span_type, args, (size_t)nargs, kwnames); /* the class's own answer */
}

static PyMethodDef methods[] = {
    {"bind", bind, METH_O, "bind(cls): the class make() makes (source.Span)."},
    {"make", (PyCFunction)(void (*)(void))make, METH_FASTCALL | METH_KEYWORDS,
     "make(start, end) -> cls(start, end), made in C."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_span", NULL, -1, methods, NULL, NULL, NULL, NULL};

PyMODINIT_FUNC PyInit__span(void) {
    return dl_module_create(&module);
}
