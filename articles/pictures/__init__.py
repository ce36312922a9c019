"""The picture library: pictures, their renditions (cut through the storage API), pictures in bodies."""
