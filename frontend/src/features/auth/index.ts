export { AuthProvider, isStaff, useSession, type Viewer } from './components/AuthProvider';
export { RequireViewer } from './components/RequireViewer';
export { SignOutMutation } from './api/documents';
export { minPasswordLength } from './components/RegisterPage';
export { ForgotPasswordPage } from './components/ForgotPasswordPage';
export { ResetPasswordPage } from './components/ResetPasswordPage';
