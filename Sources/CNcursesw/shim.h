#ifndef ECOWATCH_CNCURSESW_SHIM_H
#define ECOWATCH_CNCURSESW_SHIM_H
#define NCURSES_WIDECHAR 1
#include <locale.h>
#include <wchar.h>
#include <ncursesw/curses.h>
#endif
