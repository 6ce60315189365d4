import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useTranslation } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import { announcer, renderWithApp } from '../../../test/utils';
import { DisplayPage } from '../components/DisplayPage';
import { LanguageSwitch } from '../components/LanguageSwitch';

function Sample() {
  const { t } = useTranslation();
  return (
    <>
      <LanguageSwitch />
      <p>{t('nav.people')}</p>
    </>
  );
}

describe('LanguageSwitch', () => {
  it('names each language in itself, marks the current one, and switches', async () => {
    const user = userEvent.setup();
    renderWithApp(<Sample />);
    const group = screen.getByRole('group', { name: 'Language' });
    expect(group).toBeInTheDocument();
    const russian = screen.getByRole('button', { name: 'Русский' });
    expect(russian).toHaveAttribute('lang', 'ru');
    expect(screen.getByRole('button', { name: 'English' })).toHaveAttribute('aria-pressed', 'true');
    expect(russian).toHaveAttribute('aria-pressed', 'false');

    await user.click(russian);
    expect(await screen.findByText('Люди')).toBeInTheDocument();
    expect(russian).toHaveAttribute('aria-pressed', 'true');
    expect(document.documentElement.lang).toBe('ru');
    expect(localStorage.getItem('birge.language')).toBe('ru');
    await waitFor(() => expect(announcer()).toHaveTextContent('Язык сайта — русский.'));

    await user.click(screen.getByRole('button', { name: 'Қазақша' }));
    expect(await screen.findByText('Адамдар')).toBeInTheDocument();
    expect(screen.getByRole('group', { name: 'Тіл' })).toBeInTheDocument();
    expect(document.documentElement.lang).toBe('kk');
  });
});

describe('DisplayPage', () => {
  it('applies and keeps larger text, high contrast and reduced motion', async () => {
    const user = userEvent.setup();
    renderWithApp(<DisplayPage />);
    const larger = screen.getByRole('checkbox', { name: 'Larger text' });
    expect(larger).not.toBeChecked();
    await user.click(larger);
    expect(larger).toBeChecked();
    expect(document.documentElement.dataset.textSize).toBe('large');
    await user.click(screen.getByRole('checkbox', { name: 'High contrast' }));
    await user.click(screen.getByRole('checkbox', { name: 'Reduce motion' }));
    expect(document.documentElement.dataset.contrast).toBe('high');
    expect(document.documentElement.dataset.motion).toBe('reduce');
    expect(JSON.parse(localStorage.getItem('birge.display')!)).toEqual({
      largerText: true,
      highContrast: true,
      reducedMotion: true,
    });
    await waitFor(() => expect(announcer()).toHaveTextContent('Display settings saved.'));
  });
});
