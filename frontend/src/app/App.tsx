import { BrowserRouter } from 'react-router';
import { AnnouncerProvider } from '../components/ui/Announcer';
import { AuthProvider } from '../features/auth';
import { PrefsProvider } from '../features/preferences';
import { AppRoutes } from './routes';

export function App() {
  return (
    <PrefsProvider>
      <AnnouncerProvider>
        <AuthProvider>
          <BrowserRouter>
            <AppRoutes />
          </BrowserRouter>
        </AuthProvider>
      </AnnouncerProvider>
    </PrefsProvider>
  );
}
