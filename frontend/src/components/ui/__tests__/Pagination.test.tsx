import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { Pagination } from '../Pagination';

describe('Pagination', () => {
  it('offers the pages that exist and says where you are', async () => {
    const user = userEvent.setup();
    const onNext = vi.fn();
    const onPrevious = vi.fn();
    render(<Pagination page={2} pageCount={3} hasPrevious hasNext onNext={onNext} onPrevious={onPrevious} />);
    const nav = screen.getByRole('navigation', { name: 'Pages' });
    expect(nav).toHaveTextContent('Page 2 of 3');
    await user.click(screen.getByRole('button', { name: /Next page/ }));
    await user.click(screen.getByRole('button', { name: /Previous page/ }));
    expect(onNext).toHaveBeenCalledOnce();
    expect(onPrevious).toHaveBeenCalledOnce();
  });

  it('disables what cannot be done', () => {
    render(<Pagination page={1} pageCount={2} hasPrevious={false} hasNext onNext={() => {}} onPrevious={() => {}} />);
    expect(screen.getByRole('button', { name: /Previous page/ })).toBeDisabled();
    expect(screen.getByRole('button', { name: /Next page/ })).toBeEnabled();
  });

  it('is absent for a single page', () => {
    render(
      <Pagination page={1} pageCount={1} hasPrevious={false} hasNext={false} onNext={() => {}} onPrevious={() => {}} />,
    );
    expect(screen.queryByRole('navigation')).not.toBeInTheDocument();
  });
});
