"""ipywidgets views over an ec2sim.Cloud: the console panels, the live diagram, the API log."""
