// A structural stand-in for the few @angular/core APIs the example uses, with the same call shapes as Angular's own
// declarations (experimentalDecorators, as Angular projects compile). It exists only so that the example can be
// type-checked without installing Angular; an Angular app uses the real package and does not need this file.
declare module '@angular/core' {
  export interface InjectableOptions {
    providedIn?: 'root' | 'platform' | 'any' | null;
  }
  export function Injectable(options?: InjectableOptions): ClassDecorator;

  export enum ChangeDetectionStrategy {
    OnPush = 0,
    Default = 1,
  }
  export interface ComponentOptions {
    selector?: string;
    standalone?: boolean;
    template?: string;
    changeDetection?: ChangeDetectionStrategy;
    imports?: unknown[];
  }
  export function Component(options: ComponentOptions): ClassDecorator;

  export type Signal<T> = () => T;
  export interface WritableSignal<T> extends Signal<T> {
    set(value: T): void;
    update(updateFn: (value: T) => T): void;
    asReadonly(): Signal<T>;
  }
  export function signal<T>(initialValue: T): WritableSignal<T>;
  export function computed<T>(computation: () => T): Signal<T>;

  export abstract class DestroyRef {
    abstract onDestroy(callback: () => void): () => void;
  }
  export function inject<T>(token: abstract new (...args: never[]) => T): T;
}
