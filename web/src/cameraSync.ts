// One camera for several 3D viewers (the Explore page shows FaceTuneGAN, blendshape transfer and the
// ground truth side by side): whichever viewer is turned or zoomed publishes its camera, the others follow.
// Plain numbers here, so that pages sharing a camera need not import three.js.

export interface CameraState {
  position: [number, number, number];
  target: [number, number, number];
}

export class CameraSync {
  state?: CameraState;
  private readonly listeners = new Set<(state: CameraState) => void>();

  /** Listens to the other viewers' moves; returns the unsubscribe function. */
  follow(listener: (state: CameraState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** A viewer moved: every other follower takes its camera. */
  publish(state: CameraState, from: (state: CameraState) => void) {
    this.state = state;
    for (const l of this.listeners) if (l !== from) l(state);
  }
}
