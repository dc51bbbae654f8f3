/** The header's bell with the unread count, opening the inbox. SKELETON (mounted in the shell). */
export function InboxBell() {
  return null;
}
