// Phone-sized screen (below Mantine's "sm" breakpoint), for choices a media query cannot make.
export function isPhone(): boolean {
  return typeof window !== 'undefined' && window.matchMedia('(max-width: 48em)').matches;
}
