/*
 * The float inner step of the Method of Equal Shares (see mes.py), compiled.
 *
 * One call evaluates one candidate project: the money its supporter groups hold and, if
 * that covers the cost, its price cap q (the q with sum(weight * min(budget, q)) == cost)
 * by the same Newton iteration from below as mes._float_price. It does in one C loop
 * what numpy does in a dozen small calls, whose fixed cost dominates on elections with a
 * few thousand voter groups. Exactness does not depend on it: every decision it feeds is
 * redone with fractions when close (mes.py), and mes.py falls back to numpy when this
 * module is not built.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <math.h>
#include <string.h>

typedef struct {
    PyObject_HEAD
    Py_buffer indptr;  /* int64, projects + 1: entries of project p are indptr[p]..indptr[p+1] */
    Py_buffer groups;  /* int64, one supporter group per entry */
    Py_buffer weights; /* float64, the weight (voters) of that group, per entry */
    Py_ssize_t num_projects;
    Py_ssize_t num_entries;
    Py_ssize_t needed_groups; /* 1 + the largest group: the shortest budget array accepted */
    int held_buffers;
} Supporters;

/* Whether a buffer's struct format is one 8-byte item of the given kind: 'i' an integer
 * (numpy's int64 is 'l' or 'q'), 'd' a double; native byte order. */
static int
format_is(const char *format, char kind)
{
    if (format == NULL) return 0;
    if (format[0] == '@' || format[0] == '=') format++;
    if (format[0] == '\0' || format[1] != '\0') return 0;
    if (kind == 'd') return format[0] == 'd';
    return format[0] == 'l' || format[0] == 'q';
}

static int
take_buffer(PyObject *object, Py_buffer *view, char kind, const char *name)
{
    if (PyObject_GetBuffer(object, view, PyBUF_C_CONTIGUOUS | PyBUF_FORMAT) < 0) {
        return -1;
    }
    if (view->ndim != 1 || !format_is(view->format, kind) || view->itemsize != 8) {
        PyErr_Format(PyExc_TypeError, "%s must be a one-dimensional array of %s", name,
                     kind == 'd' ? "float64" : "int64");
        PyBuffer_Release(view);
        return -1;
    }
    return 0;
}

/* A float64 array: writable if asked; with length >= 0 exactly that long (one value per
 * `per`), else long enough to hold every supporter group (a budget array). */
static int
take_floats(Supporters *self, PyObject *object, Py_buffer *view, const char *name,
            int writable, Py_ssize_t length, const char *per)
{
    if (take_buffer(object, view, 'd', name) < 0) return -1;
    if (writable && view->readonly) {
        PyErr_Format(PyExc_TypeError, "%s must be writable", name);
    } else if (length < 0 && view->shape[0] < self->needed_groups) {
        PyErr_SetString(PyExc_IndexError, "supporter group out of range of the budgets");
    } else if (length >= 0 && view->shape[0] != length) {
        PyErr_Format(PyExc_ValueError, "%s must have one value per %s", name, per);
    } else {
        return 0;
    }
    PyBuffer_Release(view);
    return -1;
}

/* The entries [*first, *end) of the project numbered by arg (any integer). */
static int
project_entries(Supporters *self, PyObject *arg, Py_ssize_t *first, Py_ssize_t *end)
{
    Py_ssize_t project = PyNumber_AsSsize_t(arg, PyExc_IndexError);
    if (project == -1 && PyErr_Occurred()) return -1;
    if (project < 0 || project >= self->num_projects) {
        PyErr_SetString(PyExc_IndexError, "project out of range");
        return -1;
    }
    const long long *starts = (const long long *)self->indptr.buf;
    *first = (Py_ssize_t)starts[project];
    *end = (Py_ssize_t)starts[project + 1];
    return 0;
}

static void
Supporters_dealloc(Supporters *self)
{
    if (self->held_buffers >= 1) PyBuffer_Release(&self->indptr);
    if (self->held_buffers >= 2) PyBuffer_Release(&self->groups);
    if (self->held_buffers >= 3) PyBuffer_Release(&self->weights);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

static int
Supporters_init(Supporters *self, PyObject *args, PyObject *kwds)
{
    static char *keywords[] = {"indptr", "groups", "weights", NULL};
    PyObject *indptr, *groups, *weights;
    if (self->held_buffers) {
        PyErr_SetString(PyExc_RuntimeError, "Supporters is already initialised");
        return -1;
    }
    if (!PyArg_ParseTupleAndKeywords(args, kwds, "OOO", keywords, &indptr, &groups, &weights)) {
        return -1;
    }
    if (take_buffer(indptr, &self->indptr, 'i', "indptr") < 0) return -1;
    self->held_buffers = 1;
    if (take_buffer(groups, &self->groups, 'i', "groups") < 0) return -1;
    self->held_buffers = 2;
    if (take_buffer(weights, &self->weights, 'd', "weights") < 0) return -1;
    self->held_buffers = 3;
    self->num_projects = self->indptr.shape[0] - 1;
    self->num_entries = self->groups.shape[0];
    if (self->num_projects < 0 || self->weights.shape[0] != self->num_entries) {
        PyErr_SetString(PyExc_ValueError, "indptr, groups and weights do not fit together");
        return -1;
    }
    const long long *starts = (const long long *)self->indptr.buf;
    for (Py_ssize_t p = 0; p < self->num_projects; p++) {
        if (starts[p] < 0 || starts[p] > starts[p + 1] || starts[p + 1] > self->num_entries) {
            PyErr_SetString(PyExc_ValueError, "indptr is not a valid index of the entries");
            return -1;
        }
    }
    /* Checked once here, so that a call only checks its budget array's length. */
    const long long *entry_groups = (const long long *)self->groups.buf;
    self->needed_groups = 0;
    for (Py_ssize_t i = 0; i < self->num_entries; i++) {
        if (entry_groups[i] < 0) {
            PyErr_SetString(PyExc_ValueError, "groups must not be negative");
            return -1;
        }
        if (entry_groups[i] >= self->needed_groups) self->needed_groups = entry_groups[i] + 1;
    }
    return 0;
}

/*
 * evaluate(budget, project, cost, total, lower, beat, need) -> (held, price, final)
 *
 * held:  sum of weight * budget over the project's supporter groups.
 * If held < need the price is not computed: (held, nan, 0).
 * Otherwise the price by Newton's method from below, starting at max(cost / total, lower);
 * final is 1 when it converged, 0 when a step exceeded beat (the step, a lower bound of
 * the price, is returned), and -1 when it did not converge within its step limit (the
 * caller then uses its sorting method).
 */
static PyObject *
Supporters_evaluate(Supporters *self, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 7) {
        PyErr_SetString(PyExc_TypeError, "evaluate takes 7 arguments");
        return NULL;
    }
    Py_ssize_t first, end;
    if (project_entries(self, args[1], &first, &end) < 0) return NULL;
    double cost = PyFloat_AsDouble(args[2]);
    double total = PyFloat_AsDouble(args[3]);
    double lower = PyFloat_AsDouble(args[4]);
    double beat = PyFloat_AsDouble(args[5]);
    double need = PyFloat_AsDouble(args[6]);
    if (PyErr_Occurred()) return NULL;
    Py_buffer view;
    if (take_floats(self, args[0], &view, "budget", 0, -1, NULL) < 0) return NULL;
    const double *budget = (const double *)view.buf;
    const long long *groups = (const long long *)self->groups.buf;
    const double *weights = (const double *)self->weights.buf;

    double held = 0.0, richest = 0.0;
    for (Py_ssize_t i = first; i < end; i++) {
        double b = budget[groups[i]];
        held += weights[i] * b;
        if (b > richest) richest = b;
    }
    if (held < need) {
        PyBuffer_Release(&view);
        return Py_BuildValue("(ddi)", held, Py_NAN, 0);
    }

    double price = cost / total;
    if (lower > price) price = lower;
    double rich = -1.0;
    int final = -1;
    /* The set of groups below the price only grows, so end - first + 2 steps suffice. */
    for (Py_ssize_t step = 0; step < end - first + 2; step++) {
        double poor_money = 0.0, poor_weight = 0.0;
        for (Py_ssize_t i = first; i < end; i++) {
            double b = budget[groups[i]];
            if (b < price) {
                poor_money += weights[i] * b;
                poor_weight += weights[i];
            }
        }
        double new_rich = total - poor_weight;
        if (new_rich == rich) {
            final = 1;
            break;
        }
        rich = new_rich;
        if (rich <= 0) {
            price = richest;
            final = 1;
            break;
        }
        price = (cost - poor_money) / rich;
        if (price > beat) {
            final = 0;
            break;
        }
    }
    PyBuffer_Release(&view);
    return Py_BuildValue("(ddi)", held, price, final);
}

/*
 * pay(budget, project, price, tol, before[, slope, price_slope]) -> near
 *
 * Copies the budgets of the project's supporter groups into before (in entry order), then
 * charges each min(budget, price): budget = max(budget - price, 0). Returns how many
 * groups' budgets were within tol of the price, whose side the caller decides exactly.
 * With slope (the budgets' rates of change with the share) and none near, also moves
 * each group's slope: minus price_slope where money is left, zero where none is.
 */
static PyObject *
Supporters_pay(Supporters *self, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 5 && nargs != 7) {
        PyErr_SetString(PyExc_TypeError, "pay takes 5 or 7 arguments");
        return NULL;
    }
    const int with_slopes = nargs == 7;
    Py_ssize_t first, end;
    if (project_entries(self, args[1], &first, &end) < 0) return NULL;
    double price = PyFloat_AsDouble(args[2]);
    double tol = PyFloat_AsDouble(args[3]);
    double price_slope = with_slopes ? PyFloat_AsDouble(args[6]) : 0.0;
    if (PyErr_Occurred()) return NULL;
    Py_buffer view, out, slopes_view;
    if (take_floats(self, args[0], &view, "budget", 1, -1, NULL) < 0) return NULL;
    if (take_floats(self, args[4], &out, "before", 1, end - first, "supporter group") < 0) {
        goto release_budget;
    }
    if (with_slopes &&
        take_floats(self, args[5], &slopes_view, "slope", 1, view.shape[0], "group") < 0) {
        goto release_before;
    }
    double *budget = (double *)view.buf;
    double *before = (double *)out.buf;
    const long long *groups = (const long long *)self->groups.buf;
    Py_ssize_t near = 0;
    for (Py_ssize_t i = first; i < end; i++) {
        double b = budget[groups[i]];
        double left = b - price;
        before[i - first] = b;
        budget[groups[i]] = left > 0.0 ? left : 0.0;
        if (fabs(left) <= tol) near++;
    }
    if (with_slopes) {
        double *slope = (double *)slopes_view.buf;
        if (near == 0) {
            for (Py_ssize_t i = first; i < end; i++) {
                long long g = groups[i];
                slope[g] = budget[g] > 0.0 ? slope[g] - price_slope : 0.0;
            }
        }
        PyBuffer_Release(&slopes_view);
    }
    PyBuffer_Release(&out);
    PyBuffer_Release(&view);
    return PyLong_FromSsize_t(near);

release_before:
    PyBuffer_Release(&out);
release_budget:
    PyBuffer_Release(&view);
    return NULL;
}

/*
 * price_slope(budget, slope, project, price, total) -> float
 *
 * How fast the project's price moves with the share while the same groups pay all they
 * have: minus the weighted slopes of the groups below the price, over the weight of the
 * groups paying the price in full.
 */
static PyObject *
Supporters_price_slope(Supporters *self, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 5) {
        PyErr_SetString(PyExc_TypeError, "price_slope takes 5 arguments");
        return NULL;
    }
    Py_ssize_t first, end;
    if (project_entries(self, args[2], &first, &end) < 0) return NULL;
    double price = PyFloat_AsDouble(args[3]);
    double total = PyFloat_AsDouble(args[4]);
    if (PyErr_Occurred()) return NULL;
    Py_buffer view, slopes_view;
    if (take_floats(self, args[0], &view, "budget", 0, -1, NULL) < 0) return NULL;
    if (take_floats(self, args[1], &slopes_view, "slope", 0, view.shape[0], "group") < 0) {
        PyBuffer_Release(&view);
        return NULL;
    }
    const double *budget = (const double *)view.buf;
    const double *slope = (const double *)slopes_view.buf;
    const long long *groups = (const long long *)self->groups.buf;
    const double *weights = (const double *)self->weights.buf;
    double poor_weight = 0.0, poor_slope = 0.0;
    for (Py_ssize_t i = first; i < end; i++) {
        long long g = groups[i];
        if (budget[g] < price) {
            poor_weight += weights[i];
            poor_slope += slope[g] * weights[i];
        }
    }
    PyBuffer_Release(&view);
    PyBuffer_Release(&slopes_view);
    return PyFloat_FromDouble(-poor_slope / (total - poor_weight));
}

static PyMethodDef Supporters_methods[] = {
    {"evaluate", (PyCFunction)(void (*)(void))Supporters_evaluate, METH_FASTCALL,
     "evaluate(budget, project, cost, total, lower, beat, need) -> (held, price, final)"},
    {"pay", (PyCFunction)(void (*)(void))Supporters_pay, METH_FASTCALL,
     "pay(budget, project, price, tol, before[, slope, price_slope]) -> budgets near the price"},
    {"price_slope", (PyCFunction)(void (*)(void))Supporters_price_slope, METH_FASTCALL,
     "price_slope(budget, slope, project, price, total) -> the price's rate of change"},
    {NULL, NULL, 0, NULL},
};

static PyTypeObject SupportersType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "medvirk.algorithms.pb.rules._mes_kernel.Supporters",
    .tp_doc = "The supporter groups of every project, with their weights (CSR layout).",
    .tp_basicsize = sizeof(Supporters),
    .tp_itemsize = 0,
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_new = PyType_GenericNew,
    .tp_init = (initproc)Supporters_init,
    .tp_dealloc = (destructor)Supporters_dealloc,
    .tp_methods = Supporters_methods,
};

static struct PyModuleDef kernel_module = {
    PyModuleDef_HEAD_INIT,
    .m_name = "_mes_kernel",
    .m_doc = "The float inner step of the Method of Equal Shares, compiled.",
    .m_size = -1,
};

PyMODINIT_FUNC
PyInit__mes_kernel(void)
{
    if (PyType_Ready(&SupportersType) < 0) return NULL;
    PyObject *module = PyModule_Create(&kernel_module);
    if (module == NULL) return NULL;
    Py_INCREF(&SupportersType);
    if (PyModule_AddObject(module, "Supporters", (PyObject *)&SupportersType) < 0) {
        Py_DECREF(&SupportersType);
        Py_DECREF(module);
        return NULL;
    }
    return module;
}
