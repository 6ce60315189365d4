import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { applyPrefs, loadPrefs, savePrefs, type DisplayPrefs } from '../../../lib/prefs';

interface PrefsValue {
  prefs: DisplayPrefs;
  setPrefs: (p: DisplayPrefs) => void;
}

const PrefsContext = createContext<PrefsValue | null>(null);

export function PrefsProvider({ children }: { children: ReactNode }) {
  const [prefs, set] = useState<DisplayPrefs>(() => {
    const p = loadPrefs();
    applyPrefs(p);
    return p;
  });
  const setPrefs = useCallback((p: DisplayPrefs) => {
    set(p);
    savePrefs(p);
    applyPrefs(p);
  }, []);
  const value = useMemo(() => ({ prefs, setPrefs }), [prefs, setPrefs]);
  return <PrefsContext.Provider value={value}>{children}</PrefsContext.Provider>;
}

export function usePrefs(): PrefsValue {
  const v = useContext(PrefsContext);
  if (!v) throw new Error('usePrefs outside PrefsProvider');
  return v;
}
