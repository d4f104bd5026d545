#ifndef ECOWATCH_CNCURSESW_SHIM_H
#define ECOWATCH_CNCURSESW_SHIM_H
/*
 * What Swift cannot call on ncursesw directly: function-like macros (COLOR_PAIR, getmaxyx,
 * KEY_F, A_*, BUTTON*_*), global variables that Swift 6 refuses as unsafe shared state (stdscr,
 * curscr, COLORS, COLOR_PAIRS), cchar_t built with setcchar, and sigaction, whose struct differs
 * between platforms. A system-library target cannot hold a .c file, so every helper is
 * `static inline`. Nothing here keeps state: state lives in Swift, which passes it in.
 * Only EcoWatchTerminal imports this module.
 */
#define NCURSES_WIDECHAR 1
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <wchar.h>
#ifdef __APPLE__
#include <curses.h>
#include <term.h>
#else
#include <ncursesw/curses.h>
#include <ncursesw/term.h>
#endif

/* ---- Screens and windows ---- */

static inline WINDOW *ew_stdscr(void) { return stdscr; }
static inline WINDOW *ew_curscr(void) { return curscr; }

/* Opens `fd` (duplicated, so closing the FILE leaves the caller's descriptor alone). */
static inline FILE *ew_fdopen(int fd, const char *mode) {
    int copy = dup(fd);
    if (copy < 0) return NULL;
    FILE *f = fdopen(copy, mode);
    if (f == NULL) close(copy);
    return f;
}

static inline int ew_lines(void) { return getmaxy(stdscr); }
static inline int ew_columns(void) { return getmaxx(stdscr); }

/* ---- Colour ---- */

static inline int ew_colors(void) { return COLORS; }
static inline int ew_color_pairs(void) { return COLOR_PAIRS; }

/* A terminfo boolean capability: 1 present, 0 absent, -1 not a boolean capability. */
static inline int ew_tigetflag(const char *name) { return tigetflag((char *)name); }
/* A terminfo numeric capability: its value, -1 absent, -2 not numeric. */
static inline int ew_tigetnum(const char *name) { return tigetnum((char *)name); }
/* Whether a terminfo string capability is present. */
static inline int ew_has_tigetstr(const char *name) {
    char *s = tigetstr((char *)name);
    return s != NULL && s != (char *)-1;
}

/* ---- Attributes ---- */

static inline attr_t ew_a_normal(void) { return A_NORMAL; }
static inline attr_t ew_a_bold(void) { return A_BOLD; }
static inline attr_t ew_a_reverse(void) { return A_REVERSE; }
static inline attr_t ew_a_dim(void) { return A_DIM; }
static inline attr_t ew_a_underline(void) { return A_UNDERLINE; }

/*
 * Writes one grapheme cluster (`count` wide characters: one spacing character and up to
 * CCHARW_MAX-1 combining marks) at (y, x) of stdscr with attributes and an extended colour
 * pair. Returns ncurses' status; at the bottom-right corner it is ERR although the character
 * was written (the cursor cannot advance), which the caller ignores.
 */
static inline int ew_put_cell(int y, int x, const wchar_t *text, int count, attr_t attrs, int pair) {
    wchar_t buffer[CCHARW_MAX + 1];
    if (count > CCHARW_MAX) count = CCHARW_MAX;
    if (count < 1) { buffer[0] = L' '; count = 1; } else memcpy(buffer, text, sizeof(wchar_t) * (size_t)count);
    buffer[count] = L'\0';
    cchar_t cell;
    memset(&cell, 0, sizeof cell);
    int extended = pair;
    if (setcchar(&cell, buffer, attrs, (short)(pair < 0x7fff ? pair : 0), &extended) == ERR) return ERR;
    return mvwadd_wch(stdscr, y, x, &cell);
}

/* ---- Input ---- */

static inline int ew_key_f(int n) { return KEY_F(n); }

/* One wide character or key code from stdscr: OK (a character), KEY_CODE_YES (a key) or ERR. */
static inline int ew_get_wch(wint_t *out) { return wget_wch(stdscr, out); }

static inline mmask_t ew_button1_pressed(void) { return BUTTON1_PRESSED; }
static inline mmask_t ew_button1_clicked(void) { return BUTTON1_CLICKED; }

/* The pending mouse event: 1 and its cell and button state, or 0 when there is none. */
static inline int ew_get_mouse(int *x, int *y, mmask_t *state) {
    MEVENT event;
    if (getmouse(&event) != OK) return 0;
    *x = event.x;
    *y = event.y;
    *state = event.bstate;
    return 1;
}

/* ---- Signals ---- */

/* Bytes a saved signal disposition takes (for `ew_set_signal_handler`'s `saved`). */
static inline size_t ew_sigaction_size(void) { return sizeof(struct sigaction); }

/*
 * Installs `handler` for `signal`, without SA_RESTART so that a blocking read returns early,
 * and saves the previous disposition into `saved` (ew_sigaction_size() bytes) when not NULL.
 */
static inline int ew_set_signal_handler(int signal, void (*handler)(int), void *saved) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = handler;
    sigemptyset(&action.sa_mask);
    action.sa_flags = 0;
    return sigaction(signal, &action, (struct sigaction *)saved);
}

/* Puts back a disposition saved by `ew_set_signal_handler`. */
static inline int ew_restore_signal_handler(int signal, const void *saved) {
    return sigaction(signal, (const struct sigaction *)saved, NULL);
}

/* Sets the default disposition of `signal` (for re-raising it after cleaning up). */
static inline int ew_default_signal_handler(int signal) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = SIG_DFL;
    sigemptyset(&action.sa_mask);
    return sigaction(signal, &action, NULL);
}

#endif
