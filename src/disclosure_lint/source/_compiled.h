/* What the compiled twins share (readers/_onepass.c, readers/_runs.c, checks/_repeats.c, source/_span.c): the
 * offset of a plain __slots__ member, bind(cls) of two of them, and the module made with the CRC-32 of its
 * sources (its C file, then this header: setup.py), by which source/compiled.py refuses a build whose sources
 * changed since.  Static functions, included once per module. */
#ifndef DLINT_COMPILED_H
#define DLINT_COMPILED_H

#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include "structmember.h"

/* the offset of *type*'s plain object slot *name* (a __slots__ member, writable), or -1 */
static Py_ssize_t dl_slot_offset(PyObject *type, const char *name) {
    PyObject *d = PyObject_GetAttrString(type, name);
    Py_ssize_t off = -1;
    if (d == NULL) {
        PyErr_Clear();
        return -1;
    }
    /* (a member of this class or a base: a descriptor borrowed from another class would hold another's offset) */
    if (Py_IS_TYPE(d, &PyMemberDescr_Type) && PyType_Check(type) &&
        PyType_IsSubtype((PyTypeObject *)type, PyDescr_TYPE(d))) {
        PyMemberDef *m = ((PyMemberDescrObject *)d)->d_member;
        if (m->type == T_OBJECT_EX && !(m->flags & READONLY))
            off = m->offset;
    }
    Py_DECREF(d);
    return off;
}

#define SLOT(o, off) (*(PyObject **)((char *)(o) + (off)))

/* bind(cls) of a module that makes or reads objects of *cls* at two of its slots: the class kept (a strong
 * reference in *type*) with the offsets of its plain slots *a* and *b*; None, or NULL with a TypeError */
static PyObject *dl_bind_two_slots(PyObject *cls, const char *a, const char *b, PyTypeObject **type,
                                   Py_ssize_t *off_a, Py_ssize_t *off_b) {
    if (!PyType_Check(cls) || ((PyTypeObject *)cls)->tp_alloc == NULL) {
        PyErr_SetString(PyExc_TypeError, "bind: a class is needed");
        return NULL;
    }
    Py_ssize_t x = dl_slot_offset(cls, a), y = dl_slot_offset(cls, b);
    if (x < 0 || y < 0 || x == y) {
        PyErr_Format(PyExc_TypeError, "bind: the class needs plain '%s' and '%s' slots", a, b);
        return NULL;
    }
    Py_INCREF(cls);
    Py_XSETREF(*type, (PyTypeObject *)cls);
    *off_a = x;
    *off_b = y;
    Py_RETURN_NONE;
}

/* the module, with SOURCE_CRC32 where setup.py gave it */
static PyObject *dl_module_create(struct PyModuleDef *def) {
    PyObject *m = PyModule_Create(def);
#ifdef SOURCE_CRC32
    PyObject *crc = m == NULL ? NULL : PyLong_FromUnsignedLongLong(SOURCE_CRC32);
    if (m != NULL && (crc == NULL || PyModule_AddObject(m, "SOURCE_CRC32", crc) < 0)) {
        Py_XDECREF(crc);
        Py_DECREF(m);
        return NULL;
    }
#endif
    return m;
}

#endif
