// SPDX-License-Identifier: MIT
#include "fs/vfs/path.h"

ComponentKind component_kind(StringView c) {
    if (c.length() == 1 && c[0] == '.') return ComponentKind::Dot;
    if (c.length() == 2 && c[0] == '.' && c[1] == '.') return ComponentKind::DotDot;
    return ComponentKind::Normal;
}

Result<void> path_check(StringView path) {
    if (path.empty()) return Error(ENOENT);
    if (path.length() >= kPathMax) return Error(ENAMETOOLONG);
    return {};
}

Result<void> component_check(StringView component) {
    if (component.length() > kNameMax) return Error(ENAMETOOLONG);
    return {};
}

Result<void> entry_name_check(StringView name) {
    if (name.empty() || component_kind(name) != ComponentKind::Normal) return Error(EINVAL);
    if (name.length() > kNameMax) return Error(ENAMETOOLONG);
    for (usize i = 0; i < name.length(); i++)
        if (name[i] == '/' || name[i] == '\0') return Error(EINVAL);
    return {};
}

void PathCursor::skip_slashes() {
    usize i = 0;
    while (i < m_rest.length() && m_rest[i] == '/') i++;
    m_rest = m_rest.substr(i);
}

bool PathCursor::next(StringView& component, bool& slash_after) {
    if (m_rest.empty()) return false;
    usize end = m_rest.find('/');
    component = m_rest.substr(0, end);
    slash_after = end < m_rest.length();
    m_rest = m_rest.substr(end);
    skip_slashes();
    return true;
}

PathSplit path_split_last(StringView path) {
    // Drop trailing slashes (remembering them), then cut at the last slash.
    usize end = path.length();
    while (end > 0 && path[end - 1] == '/') end--;
    bool trailing = end < path.length() && end > 0;
    if (end == 0) {
        // "" or only slashes: no last component.
        return PathSplit{path.empty() ? StringView("", 0) : path.substr(0, 1), StringView("", 0), false};
    }
    usize slash = end;
    while (slash > 0 && path[slash - 1] != '/') slash--;
    StringView last = path.substr(slash, end - slash);
    // The directory part keeps one slash for "/x" (the root), and none otherwise.
    usize dir_end = slash;
    while (dir_end > 1 && path[dir_end - 1] == '/') dir_end--;
    StringView dir = path.substr(0, dir_end);
    return PathSplit{dir, last, trailing};
}
