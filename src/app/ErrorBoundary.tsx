/**
 * Catches render errors below it (including a mode chunk that fails to load) and shows a plain
 * message instead of a blank page. The error text is shown as text, never as HTML.
 */
import { Component, type ComponentChildren } from 'preact';
import { t } from '../i18n/index.ts';

interface Props {
  children: ComponentChildren;
}

interface State {
  error: Error | null;
}

export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: null };

  static override getDerivedStateFromError(error: unknown): State {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override componentDidCatch(error: unknown): void {
    // Logged for the developer tools; the page shows its own message.
    console.error('[fire-one-map] render error', error);
  }

  override render() {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <div class="error-panel" role="alert" data-testid="error-boundary">
        <h2>{t('app.error.title')}</h2>
        <p>{t('app.error.hint')}</p>
        <pre>{`${error.name}: ${error.message}`}</pre>
        <button type="button" onClick={() => location.reload()}>{t('app.error.reload')}</button>
      </div>
    );
  }
}
