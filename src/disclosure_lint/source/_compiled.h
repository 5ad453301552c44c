/* What the compiled twins share (readers/_onepass.c, checks/_repeats.c, source/_span.c): the offset of a plain
 * __slots__ member, and the module made with the CRC-32 of its sources (this header included: setup.py), by
 * which source/compiled.py refuses a build whose sources changed since.  Static functions, included once per
 * module. */
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
