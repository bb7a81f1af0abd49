#compdef accord
# zsh completion for accord: `accord --install-completion`, or in ~/.zshrc after compinit
#     source <(_ACCORD_COMPLETE=source_zsh accord)
#
# accord prints one completion a line ("value", a tab, a description). The lines are split
# into arrays and handed to compadd, which quotes each value as it inserts it; nothing
# accord prints is ever evaluated, so an id or a title from a data file stays inert.
_accord_completion() {
    emulate -L zsh  # zsh's own option defaults, whatever the user's are
    local -a lines described descriptions displays plain
    local line value current=$PREFIX
    local -i i width=0 ret=1
    # Unquoted, PREFIX keeps the user's backslashes (x\$); inside quotes zsh removed them.
    [[ -z $compstate[quote] ]] && current=${(Q)PREFIX}
    lines=("${(@f)$(_ACCORD_COMPLETE=lines_zsh command accord \
        "${(@Q)words[2,CURRENT-1]}" "$current" 2>/dev/null)}")
    for line in "${lines[@]}"; do
        value=${line%%$'\t'*}
        [[ -n $value ]] || continue
        if [[ $line == *$'\t'* ]]; then
            described+=("$value")
            descriptions+=("${line#*$'\t'}")
            (( ${#value} > width )) && width=${#value}
        else
            plain+=("$value")
        fi
    done
    if (( ${#described} + ${#plain} == 0 )); then
        # accord offers nothing here (a --data path): complete file names, after any "=".
        [[ $PREFIX == -*=* ]] && compset -P 1 '*='
        _files
        return
    fi
    for (( i = 1; i <= ${#described}; i++ )); do
        displays+=("${(r:width:)described[i]}  -- ${descriptions[i]}")
    done
    (( ${#described} )) && compadd -l -d displays -a -- described && ret=0
    (( ${#plain} )) && compadd -a -- plain && ret=0
    return ret
}

compdef _accord_completion accord
# Autoloaded from fpath (~/.zfunc/_accord), this file runs inside the first TAB: complete
# now; the compdef above sends later TABs to _accord_completion directly.
if (( $+compstate )); then
    _accord_completion "$@"
fi
