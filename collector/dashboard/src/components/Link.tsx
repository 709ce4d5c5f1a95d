// An in-app link: a real <a href> (keyboard, new tab, copy link all work), routed without reloading.
import type { ComponentChildren } from 'preact';
import { onLinkClick } from '../router';

export function Link(props: { href: string; children: ComponentChildren; current?: boolean; class?: string }) {
  return (
    <a href={props.href} onClick={onLinkClick} aria-current={props.current ? 'page' : undefined} class={props.class}>
      {props.children}
    </a>
  );
}
