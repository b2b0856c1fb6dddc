/**
 * The link from groups to a parent signal: ONE `{ once: true }` abort listener per parent, shared
 * by every group linked to it, removed when the last of them settles. Many groups at once under
 * one long-lived signal (a server's shutdown signal, `req.signal`) add one listener, not one each:
 * no `MaxListenersExceededWarning` on Node 20, where a signal warns past 10, and no leak (unlike
 * `AbortSignal.any`, nodejs/node#55351).
 */
export interface Child {
  /** The parent aborted while the child was linked. */
  parentAborted(reason: unknown): void;
}

class ParentLink {
  readonly children = new Set<Child>();
  constructor(readonly parent: AbortSignal) {}

  /** The parent's abort listener (the link itself: no closure per parent). */
  handleEvent(): void {
    links.delete(this.parent);
    const reason = this.parent.reason;
    // A child that settles while this runs unlinks itself: `delete` during iteration is safe.
    for (const child of this.children) child.parentAborted(reason);
    this.children.clear();
  }
}

const links = new WeakMap<AbortSignal, ParentLink>();

export function linkParent(parent: AbortSignal, child: Child): void {
  let link = links.get(parent);
  if (link === undefined) {
    link = new ParentLink(parent);
    links.set(parent, link);
    parent.addEventListener('abort', link, { once: true });
  }
  link.children.add(child);
}

export function unlinkParent(parent: AbortSignal, child: Child): void {
  const link = links.get(parent);
  if (link === undefined || !link.children.delete(child) || link.children.size > 0) return;
  links.delete(parent);
  parent.removeEventListener('abort', link);
}
