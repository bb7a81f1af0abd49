# fish completion for accord: `accord --install-completion`, or
#     _ACCORD_COMPLETE=source_fish accord | source
#
# accord prints one completion a line ("value", a tab, a description), which fish takes as
# plain text: the output of a command substitution is never expanded again, so an id or a
# title from a data file stays inert.
complete --command accord --erase
function __accord_complete
    set -l tokens (commandline -opc)
    set -l current (commandline -ct | string unescape)
    set -l lines (env _ACCORD_COMPLETE=lines_fish accord $tokens[2..-1] "$current" 2>/dev/null)
    if set -q lines[1]
        printf '%s\n' $lines
    else
        __fish_complete_path "$current"  # accord offers nothing here (a --data path)
    end
end
complete --command accord --no-files --arguments '(__accord_complete)'
