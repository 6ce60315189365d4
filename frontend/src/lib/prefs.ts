/** Display preferences a person can set; kept in this browser. */
export interface DisplayPrefs {
  largerText: boolean;
  highContrast: boolean;
  reducedMotion: boolean;
}

export const defaultPrefs: DisplayPrefs = { largerText: false, highContrast: false, reducedMotion: false };

const key = 'birge.display';

export function loadPrefs(): DisplayPrefs {
  try {
    const raw = localStorage.getItem(key);
    if (!raw) return defaultPrefs;
    const v = JSON.parse(raw) as Partial<DisplayPrefs>;
    return {
      largerText: v.largerText === true,
      highContrast: v.highContrast === true,
      reducedMotion: v.reducedMotion === true,
    };
  } catch {
    return defaultPrefs;
  }
}

export function savePrefs(p: DisplayPrefs) {
  try {
    localStorage.setItem(key, JSON.stringify(p));
  } catch {
    // storage unavailable: preferences last for this visit only
  }
}

/** Sets data attributes on <html>; the style sheet does the rest. */
export function applyPrefs(p: DisplayPrefs, root: HTMLElement = document.documentElement) {
  root.dataset.textSize = p.largerText ? 'large' : 'normal';
  root.dataset.contrast = p.highContrast ? 'high' : 'normal';
  root.dataset.motion = p.reducedMotion ? 'reduce' : 'normal';
}
