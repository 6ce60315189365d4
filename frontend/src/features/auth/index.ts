export { AuthProvider, isStaff, useSession, type Viewer } from './components/AuthProvider';
export { RequireViewer } from './components/RequireViewer';
export { SignOutMutation } from './api/documents';
