export { ConnectionControls } from './components/ConnectionControls';
export { ConnectionsPage } from './components/ConnectionsPage';
export { PendingRequestsLink } from './components/PendingRequestsLink';
export { PersonConnection } from './components/PersonConnection';
export { canConnect, connectionState } from './state';
export { useConnectionsWith } from './useConnectionsWith';
