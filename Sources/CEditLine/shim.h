#ifndef LABDB_CEDITLINE_SHIM_H
#define LABDB_CEDITLINE_SHIM_H
#include <stdio.h>
#include <signal.h>
#include <string.h>
#include <editline/readline.h>

/// Swift 6 rejects imported mutable C globals: set them through functions.
static inline void labdb_rl_set_completion(rl_completion_func_t *fn) { rl_attempted_completion_function = fn; }
static inline void labdb_rl_set_completion_append(int c) { rl_completion_append_character = c; }
static inline void labdb_rl_set_word_breaks(const char *breaks) { rl_basic_word_break_characters = (char *)breaks; }
static inline void labdb_rl_set_attempted_over(int v) { rl_attempted_completion_over = v; }
static inline const char *labdb_rl_line_buffer(void) { return rl_line_buffer; }
static inline void labdb_rl_set_readline_name(const char *name) { rl_readline_name = (char *)name; }

/// Installs `handler` for SIGINT without SA_RESTART, so that a blocked read in readline
/// returns (EINTR) and the shell can abandon the line instead of exiting.
static inline int labdb_install_sigint(void (*handler)(int)) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = handler;
    sigemptyset(&action.sa_mask);
    action.sa_flags = 0;
    return sigaction(SIGINT, &action, NULL);
}
#endif
