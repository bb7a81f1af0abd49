# bash completion for accord: `accord --install-completion`, or in ~/.bashrc
#     source <(_ACCORD_COMPLETE=source_bash accord)
#
# accord prints one completion a line ("value", a tab, a description). Each line is read
# into an array as plain text and its value quoted with printf %q: nothing accord prints is
# split, globbed or evaluated, so an id or a title from a data file stays inert, and a value
# holding $, `, ; or * is inserted quoted.
_accord_completion() {
    local line value
    local -a lines
    COMPREPLY=()
    mapfile -t lines < <(_ACCORD_COMPLETE=lines_bash command accord \
        "${COMP_WORDS[@]:1:COMP_CWORD}" 2>/dev/null)
    for line in "${lines[@]}"; do
        value=${line%%$'\t'*}
        [[ -n $value ]] || continue
        printf -v value '%q' "$value"
        COMPREPLY+=("$value")
    done
    return 0
}

# -o default: where accord offers nothing (a --data path), complete file names.
complete -o default -F _accord_completion accord
